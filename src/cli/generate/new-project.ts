import type { Names } from './names.js';
import { dockerfile, readme } from './new-project-extras.js';

/** Versions the generated package depends on, taken from this package so they always match. */
export interface Versions {
  core: string;
  deps: Record<string, string>;
  devDeps: Record<string, string>;
}

const pick = (from: Record<string, string>, names: string[]): Record<string, string> =>
  Object.fromEntries(names.filter((n) => from[n] !== undefined).map((n) => [n, from[n]!]));

/** Every file of a new service, by path relative to its folder. */
export function newProjectFiles(n: Names, v: Versions): Record<string, string> {
  const service = n.kebab;
  const pkg = {
    name: service,
    version: '0.1.0',
    private: true,
    type: 'module',
    // as @panini/core itself: require() of ES modules and the LTS lines it is tested on
    engines: { node: '^20.19.0 || ^22.12.0 || >=24' },
    scripts: {
      build: 'tsc -p tsconfig.json',
      start: 'node --enable-source-maps dist/src/main.js',
      dev: 'panini start --watch',
      info: 'panini info',
      // the test files by name: a bare `node --test` on Node 20 also runs every helper under dist/test
      test: "tsc -p tsconfig.json && node --test $(find dist/test -name '*.test.js' | sort)",
    },
    dependencies: { '@panini/core': v.core, ...pick(v.deps, ['class-transformer', 'class-validator', 'reflect-metadata']) },
    devDependencies: pick(v.devDeps, ['@types/node', 'typescript']),
  };
  return {
    'package.json': `${JSON.stringify(pkg, null, 2)}\n`,
    'tsconfig.json': `${JSON.stringify({
      compilerOptions: {
        target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', lib: ['ES2022'], types: ['node'],
        strict: true, experimentalDecorators: true, emitDecoratorMetadata: true, sourceMap: true,
        outDir: 'dist', rootDir: '.', skipLibCheck: true, noImplicitOverride: true, forceConsistentCasingInFileNames: true,
      },
      include: ['src/**/*.ts', 'test/**/*.ts'],
    }, null, 2)}\n`,
    'nest-cli-style.json': `${JSON.stringify({
      $schema: './node_modules/@panini/core/nest-cli-style.schema.json',
      sourceRoot: 'src',
      entryFile: 'main',
      appModule: 'app.module#AppModule',
      compilerOptions: { tsConfigPath: 'tsconfig.json' },
      generateOptions: { spec: true, flat: false },
    }, null, 2)}\n`,
    '.gitignore': 'node_modules/\ndist/\n',
    '.dockerignore': 'node_modules\ndist\n.git\n',
    'src/main.ts': `import { PaniniFactory } from '@panini/core';
import { AppModule } from './app.module.js';

// Connects to NATS_URL (default nats://127.0.0.1:4222). A start-up error prints one line and exits 1;
// SIGINT/SIGTERM drain the app and exit 0.
try {
  const app = await PaniniFactory.create(AppModule, { name: '${service}', handleSignals: false });
  await app.start();
  const stop = (signal: NodeJS.Signals): void => {
    app.close(signal).then(() => process.exit(0), (err: unknown) => {
      console.error(\`${service} did not stop cleanly: \${(err as Error).message}\`);
      process.exit(1);
    });
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
} catch (err) {
  console.error(\`${service} could not start: \${(err as Error).message}\`);
  process.exit(1);
}
`,
    'src/app.module.ts': `import { Module } from '@panini/core';
import { GreetingsModule } from './greetings/greetings.module.js';

@Module({
  imports: [GreetingsModule],
})
export class AppModule {}
`,
    'src/greetings/greetings.module.ts': `import { Module } from '@panini/core';
import { GreetingsController } from './greetings.controller.js';
import { GreetingsService } from './greetings.service.js';

@Module({
  controllers: [GreetingsController],
  providers: [GreetingsService],
})
export class GreetingsModule {}
`,
    'src/greetings/greetings.controller.ts': `import { Controller, Payload, Subject } from '@panini/core';
import { GreetDto } from './dto/greet.dto.js';
import { GreetingsService, type Greeting } from './greetings.service.js';

@Controller('${service}')
export class GreetingsController {
  constructor(private readonly greetings: GreetingsService) {}

  /** \`panini request ${service}.greet '{"name":"Ada"}'\` */
  @Subject('greet')
  greet(@Payload() dto: GreetDto): Greeting {
    return this.greetings.greet(dto.name);
  }
}
`,
    'src/greetings/greetings.service.ts': `import { Injectable } from '@panini/core';

export interface Greeting { text: string }

@Injectable()
export class GreetingsService {
  greet(name: string): Greeting {
    return { text: \`Hello, \${name}!\` };
  }
}
`,
    'src/greetings/dto/greet.dto.ts': `import { IsString, Length } from 'class-validator';

export class GreetDto {
  @IsString()
  @Length(1, 100)
  name!: string;
}
`,
    'test/greetings/greetings.controller.test.ts': `import { describe, it, mock } from 'node:test';
import assert from 'node:assert/strict';
import { Test } from '@panini/core/testing';
import { GreetingsModule } from '../../src/greetings/greetings.module.js';
import { GreetingsService } from '../../src/greetings/greetings.service.js';

describe('GreetingsController', () => {
  describe('when a valid greet request arrives', () => {
    it('should answer with the greeting of the service', async () => {
      const greetings = { greet: mock.fn((name: string) => ({ text: \`hi \${name}\` })) };
      const app = await Test.createTestingModule({ imports: [GreetingsModule] })
        .overrideProvider(GreetingsService).useValue(greetings)
        .compile();
      try {
        assert.deepEqual(await app.request('${service}.greet', { name: 'Ada' }), { text: 'hi Ada' });
        assert.equal(greetings.greet.mock.callCount(), 1);
      } finally {
        await app.close();
      }
    });
  });

  describe('when the name is missing', () => {
    it('should reply 400 and not call the service', async () => {
      const greetings = { greet: mock.fn() };
      const app = await Test.createTestingModule({ imports: [GreetingsModule] })
        .overrideProvider(GreetingsService).useValue(greetings)
        .compile();
      try {
        await assert.rejects(app.request('${service}.greet', {}), { code: 400 });
        assert.equal(greetings.greet.mock.callCount(), 0);
      } finally {
        await app.close();
      }
    });
  });
});
`,
    'test/greetings/greetings.service.test.ts': `import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { GreetingsService } from '../../src/greetings/greetings.service.js';

describe('GreetingsService', () => {
  describe('when asked to greet', () => {
    it('should greet by name', () => {
      assert.deepEqual(new GreetingsService().greet('Ada'), { text: 'Hello, Ada!' });
    });
  });
});
`,
    Dockerfile: dockerfile({ vendor: v.core.startsWith('file:vendor/') }),
    'README.md': readme(service),
  };
}
