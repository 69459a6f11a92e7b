import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli, runProcess } from './support/run-cli.js';
import { scaffold, type Scaffold } from './support/scaffold.js';

describe('panini generate', () => {
  let s: Scaffold;
  const read = (f: string): string => readFileSync(join(s.dir, f), 'utf8');
  const gen = (...args: string[]) => runCli(['generate', ...args], { cwd: s.dir });
  before(async () => { s = await scaffold('shop'); });
  after(() => s.dispose());

  describe('when it generates a module', () => {
    it('should create it in its own folder and import it in the app module', async () => {
      const res = await gen('module', 'orders');
      assert.equal(res.code, 0, res.stderr);
      assert.ok(existsSync(join(s.dir, 'src/orders/orders.module.ts')));
      assert.match(read('src/app.module.ts'), /imports: \[GreetingsModule, OrdersModule\]/);
      assert.match(read('src/app.module.ts'), /import \{ OrdersModule \} from '\.\/orders\/orders\.module\.js';/);
    });
  });

  describe('when it generates a controller, a provider and an HTTP controller', () => {
    it('should register each in the nearest module and write a test for each', async () => {
      for (const kind of ['controller', 'provider', 'http-controller']) {
        const res = await gen(kind, 'orders');
        assert.equal(res.code, 0, res.stderr);
      }
      const mod = read('src/orders/orders.module.ts');
      assert.match(mod, /controllers: \[OrdersController, OrdersHttpController\]/);
      assert.match(mod, /providers: \[OrdersService\]/);
      for (const f of ['orders.controller', 'orders.service', 'orders.http-controller']) {
        assert.ok(existsSync(join(s.dir, `test/orders/${f}.test.ts`)), `${f} test is missing`);
      }
    });
  });

  describe('when it generates a DTO inside a folder', () => {
    it('should put it in the dto folder and register nothing', async () => {
      const before = read('src/orders/orders.module.ts');
      const res = await gen('dto', 'orders/create-order');
      assert.equal(res.code, 0, res.stderr);
      assert.match(read('src/orders/dto/create-order.dto.ts'), /export class CreateOrderDto/);
      assert.equal(read('src/orders/orders.module.ts'), before);
    });
  });

  describe('when it uses a short alias with --flat and --no-spec', () => {
    it('should write one file next to the module and register it there', async () => {
      const res = await gen('s', 'orders/pricing', '--flat', '--no-spec');
      assert.equal(res.code, 0, res.stderr);
      assert.ok(existsSync(join(s.dir, 'src/orders/pricing.service.ts')));
      assert.ok(!existsSync(join(s.dir, 'test/orders/pricing.service.test.ts')));
      assert.match(read('src/orders/orders.module.ts'), /providers: \[OrdersService, PricingService\]/);
    });
  });

  describe('when the module is written across several lines', () => {
    it('should keep its layout and add the class on a line of its own', async () => {
      writeFileSync(join(s.dir, 'src/greetings/greetings.module.ts'), `import { Module } from '@panini/core';
import { GreetingsController } from './greetings.controller.js';
import { GreetingsService } from './greetings.service.js';

@Module({
  controllers: [GreetingsController],
  providers: [
    GreetingsService,
  ],
})
export class GreetingsModule {}
`);
      const res = await gen('provider', 'greetings/templates', '--flat');
      assert.equal(res.code, 0, res.stderr);
      assert.match(read('src/greetings/greetings.module.ts'), /providers: \[\n    GreetingsService,\n    TemplatesService,\n  \],/);
    });
  });

  describe('when every generator has run', () => {
    it('should still build and pass all tests, generated ones included', async () => {
      const res = await runProcess('npm', ['test'], { cwd: s.dir, timeout: 60_000 });
      assert.equal(res.code, 0, `${res.stdout}\n${res.stderr}`);
      assert.match(res.stdout, /^[#ℹ] fail 0$/m); // TAP on Node 20/22, spec on 24
      assert.match(res.stdout, /OrdersHttpController/);
    });
  });

  describe('when panini info runs on the grown service', () => {
    it('should build it and show the generated classes, subjects and routes', async () => {
      const res = await runCli(['info'], { cwd: s.dir });
      assert.equal(res.code, 0, res.stderr);
      assert.match(res.stdout, /OrdersModule\s+controllers OrdersController, OrdersHttpController; providers OrdersService, PricingService/);
      assert.match(res.stdout, /orders\.ping\s+<service name>\s+OrdersController\.ping/);
      assert.match(res.stdout, /GET\s+\/orders\/:id\s+OrdersHttpController\.get/);
    });
  });

  describe('when the file already exists', () => {
    it('should refuse, write nothing and exit 1', async () => {
      const res = await gen('controller', 'orders');
      assert.equal(res.code, 1);
      assert.match(res.stderr, /already exists; nothing was written/);
    });
  });

  describe('when the kind is unknown', () => {
    it('should suggest the closest kind and exit 2', async () => {
      const res = await gen('controler', 'x');
      assert.equal(res.code, 2);
      assert.match(res.stderr, /unknown generator "controler"; did you mean "controller"\?/);
    });
  });
});
