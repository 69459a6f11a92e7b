import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AppDescription } from '../../src/cli/info/app-description.js';
import { REPO, requireBuiltExample, runCli } from './support/run-cli.js';

// `npm test` builds the example before the tests run; --no-build keeps this file from rewriting
// example-service/dist while other test files run it
describe('panini info', () => {
  describe('when run at the repository root (the example service)', () => {
    let text: string;
    let json: AppDescription;
    before(async () => {
      requireBuiltExample();
      const t = await runCli(['info', '--no-build']);
      assert.equal(t.code, 0, t.stderr);
      text = t.stdout;
      const j = await runCli(['info', '--no-build', '--json']);
      assert.equal(j.code, 0, j.stderr);
      json = JSON.parse(j.stdout) as AppDescription;
    });

    it('should list the modules with their controllers and providers', () => {
      assert.match(text, /^Modules$/m);
      const orders = json.modules.find((m) => m.name === 'OrdersModule')!;
      assert.deepEqual(orders.controllers, ['OrdersController', 'OrdersHttpController']);
      assert.deepEqual(orders.providers, ['OrdersService', 'OrderExpiryTask']);
    });

    it('should list subjects with their queue groups and payload DTOs', () => {
      const by = (pattern: string) => json.handlers.find((h) => h.pattern === pattern)!;
      assert.deepEqual(by('orders.create'), { subject: 'orders.create', pattern: 'orders.create', queue: '<service name>', handler: 'OrdersController.create', payload: 'CreateOrderDto', backlog: { maxMessages: 10_000, maxBytes: 64 * 1024 * 1024 } });
      assert.equal(by('orders.{id}.get').subject, 'orders.*.get');
      // a @Consume handler: instances share its durable consumer, not a queue group
      assert.equal(by('events.orders.{id}.cancelled').handler, 'OrderEventsController.cancelled');
      assert.equal(by('events.orders.{id}.cancelled').queue, null);
      assert.equal(by('events.>').queue, null);
      assert.match(text, /events\.>\s+\(none: every instance\)\s+AuditController\.record/);
    });

    it('should list DTOs with nested ones and their rules', () => {
      const names = json.dtos.map((d) => d.name);
      for (const n of ['CreateOrderDto', 'CustomerDto', 'OrderLineDto', 'ReservationResultDto']) assert.ok(names.includes(n), `${n} missing from ${names.join(', ')}`);
      const line = json.dtos.find((d) => d.name === 'OrderLineDto')!;
      assert.deepEqual(line.fields.find((f) => f.name === 'quantity')!.rules, ['isInt', 'min', 'max']);
    });

    it('should list tasks and HTTP routes, probes included', () => {
      assert.deepEqual(json.tasks, [{ name: 'orders.expire-pending', handler: 'OrderExpiryTask.run', kind: 'interval', schedule: 'every 5000 ms' }]);
      const routes = json.http.map((r) => `${r.method} ${r.path}`);
      for (const r of ['GET /healthz', 'GET /readyz', 'POST /orders', 'GET /orders/:id', 'GET /inventory/:sku']) assert.ok(routes.includes(r), `${r} missing`);
      assert.match(text, /POST\s+\/orders\s+OrdersHttpController\.create\s+CreateOrderDto/);
    });
  });

  describe('when appModule names an export that does not exist', () => {
    let dir: string;
    before(() => {
      dir = mkdtempSync(join(tmpdir(), 'panini-info-'));
      const root = join(REPO, 'example-service');
      writeFileSync(join(dir, 'nest-cli-style.json'), JSON.stringify({ root, sourceRoot: join(root, 'src'), appModule: 'app.module#ApplicationModule' }));
    });
    after(() => rmSync(dir, { recursive: true, force: true }));

    it('should name what the file exports and the setting to fix, and exit 1', async () => {
      const res = await runCli(['info', '--no-build'], { cwd: dir });
      assert.equal(res.code, 1);
      assert.match(res.stderr, /does not export ApplicationModule \(it exports AppModule\): set appModule/);
      assert.doesNotMatch(res.stderr, /\n\s+at /);
    });
  });
});
