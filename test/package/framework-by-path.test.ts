import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO, runProcess } from '../cli/support/run-cli.js';
import { compile, writeFiles } from './support/consumer-project.js';

/** An app whose DTO nests another, run on the in-memory broker: prints the replies as JSON. */
const APP: Record<string, string> = {
  'package.json': JSON.stringify({ name: 'by-path', version: '1.0.0', private: true, type: 'module' }),
  'tsconfig.json': JSON.stringify({
    compilerOptions: {
      target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', types: ['node'], strict: true,
      experimentalDecorators: true, emitDecoratorMetadata: true, skipLibCheck: true, outDir: 'dist', rootDir: 'src',
    },
    include: ['src/**/*.ts'],
  }),
  'src/main.ts': `import 'reflect-metadata';
import { Type } from 'class-transformer';
import { IsInt, IsString, Min, ValidateNested } from 'class-validator';
import { Controller, Module, Payload, Subject } from '@panini/core';
import { Test } from '@panini/core/testing';

class LineDto { @IsString() sku!: string; @IsInt() @Min(1) quantity!: number; }
class OrderDto { @ValidateNested({ each: true }) @Type(() => LineDto) lines!: LineDto[]; }

@Controller('orders')
class OrdersController {
  @Subject('create')
  create(@Payload() dto: OrderDto): { lines: number; first: string } {
    return { lines: dto.lines.length, first: dto.lines[0]!.constructor.name };
  }
}

@Module({ controllers: [OrdersController] })
class OrdersModule {}

try {
  const app = await Test.createTestingModule({ imports: [OrdersModule] }).compile();
  const ok = await app.request('orders.create', { lines: [{ sku: 'apple', quantity: 2 }] });
  const bad = await app.request('orders.create', { lines: [{ sku: 'apple', quantity: 0 }] }).catch((e: { code: number; message: string }) => ({ code: e.code, message: e.message }));
  await app.close();
  console.log(JSON.stringify({ ok, bad }));
} catch (err) {
  console.error(\`could not start: \${(err as Error).message}\`);
  process.exit(1);
}
`,
};

/**
 * `npm install ../panini` links the checkout, whose own node_modules hold class-transformer, and
 * installs the app's class-transformer beside it: two copies. The layout is built by hand (links
 * and a copy) since an offline npm cannot resolve the app's version ranges.
 */
describe('the framework installed by path (npm install ../panini)', () => {
  let dir: string;
  const nodeModules = (...p: string[]): string => join(dir, 'node_modules', ...p);
  const link = (name: string): void => symlinkSync(join(REPO, 'node_modules', name), nodeModules(name), 'dir');
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'panini-bypath-'));
    writeFiles(dir, APP);
    mkdirSync(nodeModules('@panini'), { recursive: true });
    mkdirSync(nodeModules('@types'));
    symlinkSync(REPO, nodeModules('@panini', 'core'), 'dir');
    for (const name of ['class-validator', 'reflect-metadata', '@types/node']) link(name);
    cpSync(join(REPO, 'node_modules', 'class-transformer'), nodeModules('class-transformer'), { recursive: true });
    await compile(dir);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  describe('when the app has its own copy of class-transformer', () => {
    it('should refuse to start, naming both copies and how to make them one', async () => {
      const res = await runProcess(process.execPath, ['dist/main.js'], { cwd: dir });
      assert.equal(res.code, 1, res.stdout);
      const theirs = realpathSync(nodeModules('class-transformer'));
      const mine = realpathSync(join(REPO, 'node_modules', 'class-transformer'));
      assert.ok(res.stderr.includes(`could not start: two copies of class-transformer are installed: the app loads ${theirs}, @panini/core loads ${mine}.`), res.stderr);
      assert.match(res.stderr, /peer dependencies.*npm dedupe/);
    });
  });

  describe('when the copies are one (deduped)', () => {
    it('should convert and validate nested DTOs', async () => {
      rmSync(nodeModules('class-transformer'), { recursive: true });
      link('class-transformer');
      const res = await runProcess(process.execPath, ['dist/main.js'], { cwd: dir });
      assert.equal(res.code, 0, res.stderr);
      const { ok, bad } = JSON.parse(res.stdout) as { ok: unknown; bad: { code: number; message: string } };
      assert.deepEqual(ok, { lines: 1, first: 'LineDto' });
      assert.equal(bad.code, 400);
      assert.match(bad.message, /lines\.0\.quantity/);
    });
  });
});
