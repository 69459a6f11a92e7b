import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { freePort, startNatsServer, type NatsServerHandle } from '../../src/testing/nats-server.js';
import { REPO, requireBuiltExample, runCli, startProcess, type CliResult, type LiveProcess } from './support/run-cli.js';

/** Runs `panini <args>` until `accept` likes the result, with a deadline (state changes are asynchronous). */
async function eventually(args: string[], accept: (r: CliResult) => boolean, timeout = 10_000): Promise<CliResult> {
  const deadline = Date.now() + timeout;
  for (;;) {
    const r = await runCli(args);
    if (accept(r)) return r;
    if (Date.now() > deadline) throw new Error(`panini ${args.join(' ')} never gave the expected answer; last: ${r.code} ${r.stdout} ${r.stderr}`);
  }
}

describe('panini request and publish', () => {
  let nats: NatsServerHandle;
  let service: LiveProcess;
  const s = (): string[] => ['--server', nats.url];

  before(async () => {
    requireBuiltExample();
    nats = await startNatsServer();
    service = startProcess(process.execPath, [join(REPO, 'example-service/dist/src/main.js')], {
      env: { NATS_URL: nats.url, HTTP_PORT: '0', LOG_LEVEL: 'warn', SERVICE_NAME: 'orders-cli-test' },
    });
    await service.waitFor(/orders-cli-test is running/);
  });
  after(async () => {
    await service?.stop();
    await nats?.dispose();
  });

  describe('when a request is answered', () => {
    it('should print the reply as JSON and exit 0', async () => {
      const res = await runCli(['request', ...s(), 'orders.create', '{"customer":{"name":"Ada","email":"ada@example.com"},"lines":[{"sku":"pear","quantity":2}]}']);
      assert.equal(res.code, 0, res.stderr);
      const order = JSON.parse(res.stdout) as { id: string; status: string };
      assert.equal(order.status, 'pending');
      await eventually(['request', ...s(), `orders.${order.id}.get`], (r) => r.code === 0 && (JSON.parse(r.stdout) as { status: string }).status === 'confirmed');
    });
  });

  describe('when the service answers with an error', () => {
    it('should print the code and message on stderr and exit 1', async () => {
      const res = await runCli(['request', ...s(), 'orders.ord-nope.get']);
      assert.equal(res.code, 1);
      assert.equal(res.stdout, '');
      assert.equal(res.stderr, "panini: error 404 from 'orders.ord-nope.get': order ord-nope not found\n");
    });

    it('should print validation details with their paths', async () => {
      const res = await runCli(['request', ...s(), 'orders.create', '{"customer":{"name":"Ada","email":"x"},"lines":[]}']);
      assert.equal(res.code, 1);
      assert.match(res.stderr, /error 400 from 'orders\.create': invalid payload/);
      assert.match(res.stderr, /"path": "customer\.email"/);
    });
  });

  describe('when an event is published', () => {
    it('should exit 0 once the server has it, and the service should act on it', async () => {
      const res = await runCli(['publish', ...s(), 'inventory.restock', '{"sku":"kiwi","quantity":5}']);
      assert.equal(res.code, 0, res.stderr);
      assert.equal(res.stdout, 'published to inventory.restock\n');
      await eventually(['request', ...s(), 'inventory.kiwi.get'], (r) => r.code === 0 && (JSON.parse(r.stdout) as { available: number }).available === 5);
    });
  });

  describe('when an event is published with --reply-to', () => {
    it("should send the handler's answer to that subject", async () => {
      const res = await runCli(['publish', ...s(), '--reply-to', 'events.cli.reserved', 'inventory.reserve', '{"orderId":"cli-1","lines":[{"sku":"banana","quantity":1}]}']);
      assert.equal(res.code, 0, res.stderr);
      await eventually(['request', ...s(), 'audit.recent'], (r) => r.code === 0 && r.stdout.includes('"subject": "events.cli.reserved"') && r.stdout.includes('"orderId": "cli-1"'));
    });
  });

  describe('when nobody listens on the subject', () => {
    it('should say so at once and exit 1', async () => {
      const res = await runCli(['request', ...s(), 'nobody.home']);
      assert.equal(res.code, 1);
      assert.match(res.stderr, /no responders are listening on 'nobody\.home'/);
    });
  });

  describe('when no NATS server answers', () => {
    it('should explain how to point at one and exit 1', async () => {
      const res = await runCli(['request', '--server', `nats://127.0.0.1:${await freePort()}`, 'orders.list']);
      assert.equal(res.code, 1);
      assert.match(res.stderr, /cannot connect to NATS at .*\nIs the service's NATS server running\? Pass --server <url> or set NATS_URL\./);
      assert.doesNotMatch(res.stderr, /\n\s+at /);
    });
  });

  describe('when the payload is not JSON', () => {
    it('should show how to quote it and exit 2', async () => {
      const res = await runCli(['publish', ...s(), 'inventory.restock', '{sku:kiwi}']);
      assert.equal(res.code, 2);
      assert.match(res.stderr, /the payload is not valid JSON .*quote it for your shell/);
    });
  });
});
