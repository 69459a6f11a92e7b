import type { Names } from './names.js';

/** What `panini generate` can make; each kind's file suffix and class suffix. */
export const KINDS = {
  module: { file: 'module', cls: 'Module', list: 'imports' },
  controller: { file: 'controller', cls: 'Controller', list: 'controllers' },
  provider: { file: 'service', cls: 'Service', list: 'providers' },
  dto: { file: 'dto', cls: 'Dto', list: undefined },
  'http-controller': { file: 'http-controller', cls: 'HttpController', list: 'controllers' },
} as const;

export type Kind = keyof typeof KINDS;

/** Nest's short forms, plus `service` for `provider`. */
export const ALIASES: Record<string, Kind> = {
  mo: 'module', co: 'controller', pr: 'provider', s: 'provider', service: 'provider', d: 'dto', hc: 'http-controller',
};

export const className = (kind: Kind, n: Names): string => `${n.pascal}${KINDS[kind].cls}`;

export function sourceTemplate(kind: Kind, n: Names): string {
  const cls = className(kind, n);
  switch (kind) {
    case 'module':
      return `import { Module } from '@panini/core';

@Module({
  imports: [],
  controllers: [],
  providers: [],
  exports: [],
})
export class ${cls} {}
`;
    case 'controller':
      return `import { Controller, Payload, Subject } from '@panini/core';

/** Handles NATS requests on \`${n.kebab}.*\`. */
@Controller('${n.kebab}')
export class ${cls} {
  /** \`nats request ${n.kebab}.ping '{"hello":"world"}'\` answers with what it was sent. */
  @Subject('ping')
  ping(@Payload() body: unknown): { pong: unknown } {
    return { pong: body };
  }
}
`;
    case 'provider':
      return `import { Injectable } from '@panini/core';

@Injectable()
export class ${cls} {
  private readonly items = new Map<string, { id: string; name: string }>();

  save(item: { id: string; name: string }): { id: string; name: string } {
    this.items.set(item.id, item);
    return item;
  }

  find(id: string): { id: string; name: string } | undefined {
    return this.items.get(id);
  }
}
`;
    case 'dto':
      return `import { IsOptional, IsString, Length } from 'class-validator';

/** Validated before the handler runs: an invalid payload is answered with 400. */
export class ${cls} {
  @IsString()
  @Length(1, 100)
  name!: string;

  @IsOptional()
  @IsString()
  description?: string;
}
`;
    case 'http-controller':
      return `import { Get, HttpController, Param } from '@panini/core/http';

/** Served when the app imports HttpModule.forRoot() from @panini/core/http. */
@HttpController('/${n.kebab}')
export class ${cls} {
  @Get()
  list(): { items: unknown[] } {
    return { items: [] };
  }

  @Get(':id')
  get(@Param('id') id: string): { id: string } {
    return { id };
  }
}
`;
  }
}

/** The test of a generated class, or undefined for kinds without one. `importPath` is relative, with `.js`. */
export function specTemplate(kind: Kind, n: Names, importPath: string): string | undefined {
  const cls = className(kind, n);
  const head = `import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Test, type TestingApp } from '@panini/core/testing';
`;
  switch (kind) {
    case 'controller':
      return `${head}import { ${cls} } from '${importPath}';

describe('${cls}', () => {
  let app: TestingApp;
  before(async () => {
    app = await Test.createTestingModule({ controllers: [${cls}] }).compile();
  });
  after(() => app.close());

  describe('when a ping arrives', () => {
    it('should answer with what it was sent', async () => {
      assert.deepEqual(await app.request('${n.kebab}.ping', { hello: 'world' }), { pong: { hello: 'world' } });
    });
  });
});
`;
    case 'provider':
      return `${head}import { ${cls} } from '${importPath}';

describe('${cls}', () => {
  let app: TestingApp;
  before(async () => {
    app = await Test.createTestingModule({ providers: [${cls}] }).compile();
  });
  after(() => app.close());

  describe('when an item was saved', () => {
    it('should find it by id', () => {
      const service = app.get(${cls});
      service.save({ id: '1', name: 'first' });
      assert.deepEqual(service.find('1'), { id: '1', name: 'first' });
    });
  });
});
`;
    case 'http-controller':
      return `${head}import { HttpModule, HttpServer } from '@panini/core/http';
import { ${cls} } from '${importPath}';

describe('${cls}', () => {
  let app: TestingApp;
  before(async () => {
    app = await Test.createTestingModule({
      imports: [HttpModule.forRoot({ port: 0, host: '127.0.0.1' })],
      controllers: [${cls}],
    }).compile();
  });
  after(() => app.close());

  describe('when GET /${n.kebab}/:id is called', () => {
    it('should answer with the id', async () => {
      const res = await fetch(\`\${app.get(HttpServer).url}/${n.kebab}/42\`);
      assert.equal(res.status, 200);
      assert.deepEqual(await res.json(), { id: '42' });
    });
  });
});
`;
    default:
      return undefined;
  }
}
