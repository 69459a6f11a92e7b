import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { dirname } from 'node:path';
import { freePort, waitUntil } from '@panini/core/testing';
import { reachable } from '../../src/bootstrap/reachable.js';
import { startService, type ServiceProcess } from '../support/service-process.js';

const order = { customer: { name: 'Ada', email: 'ada@example.com' }, lines: [{ sku: 'apple', quantity: 1 }] };

describe('the service entry point (npm start)', () => {
  const running: ServiceProcess[] = [];
  const start = (env: NodeJS.ProcessEnv): ServiceProcess => { const s = startService(env); running.push(s); return s; };
  after(async () => { for (const s of running) await s.stop(); });

  describe('when nothing answers at NATS_URL and nats-server is on the PATH', () => {
    it('should start a private broker, print where it listens, and stop the broker on SIGTERM', async () => {
      const given = `nats://127.0.0.1:${await freePort()}`;
      const svc = start({ NATS_URL: given });
      const [, url, port] = await svc.waitFor(/NATS {3}(nats:\/\/127\.0\.0\.1:(\d+)) \(a private nats-server started for development/);
      // the given URL did not answer: the log and the banner both say so, not only that another broker runs
      assert.ok(svc.output().includes(`nothing answers at NATS_URL=${given}; started a private nats-server at ${url} for development instead`), svc.output());
      await svc.waitFor(new RegExp(`\\(nothing answered at NATS_URL=${given.replace(/\./g, '\\.')}\\)`));
      const [, http] = await svc.waitFor(/HTTP {3}(http:\/\/127\.0\.0\.1:\d+)/);
      assert.match(svc.output(), new RegExp(`npx panini request -s ${url!.replace(/\./g, '\\.')} orders\\.create`));
      assert.equal((await fetch(`${http}/readyz`)).status, 200);
      assert.equal(await svc.stop(), 0);
      assert.equal(await reachable(`nats://127.0.0.1:${port}`), false, 'the development broker outlived the service');
    });
  });

  describe('when there is neither a NATS server nor a nats-server binary', () => {
    it('should warn loudly and run on the in-memory transport, HTTP included', async () => {
      const svc = start({ NATS_URL: `nats://127.0.0.1:${await freePort()}`, PATH: dirname(process.execPath) });
      await svc.waitFor(/Running on the IN-MEMORY transport: only this process can reach its subjects/);
      const [, http] = await svc.waitFor(/HTTP {3}(http:\/\/127\.0\.0\.1:\d+)/);
      assert.doesNotMatch(svc.output(), /npx panini request/);
      const res = await fetch(`${http}/orders`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(order) });
      assert.equal(res.status, 201);
      const { id } = (await res.json()) as { id: string };
      await waitUntil(async () => ((await (await fetch(`${http}/orders/${id}`)).json()) as { status: string }).status === 'confirmed', { timeout: 5000, what: 'the order to be confirmed in memory' });
      assert.equal(await svc.stop(), 0);
    });
  });

  describe('when NODE_ENV is production and nothing answers at NATS_URL', () => {
    it('should fail fast with a clear error instead of falling back', async () => {
      const svc = start({ NODE_ENV: 'production', NATS_URL: `nats://127.0.0.1:${await freePort()}` });
      assert.equal(await svc.exited, 1);
      assert.match(svc.output(), /could not start: nothing answers at NATS_URL=nats:\/\/127\.0\.0\.1:\d+; with NODE_ENV=production the service does not fall back/);
      assert.doesNotMatch(svc.output(), /private nats-server|IN-MEMORY/);
    });
  });

  describe('when variables are invalid', () => {
    it('should name every one of them, one per line, and exit 1', async () => {
      const svc = start({ HTTP_PORT: 'eighty', LOG_LEVEL: 'loud', NATS_URL: `nats://127.0.0.1:${await freePort()}` });
      assert.equal(await svc.exited, 1);
      assert.deepEqual(svc.output().trim().split('\n'), [
        'orders example could not start: invalid configuration for ServiceEnv: 2 environment variable(s) missing or invalid (read from the environment):',
        '  HTTP_PORT: HTTP_PORT must be a finite decimal number',
        '  LOG_LEVEL: LOG_LEVEL must be one of the following values: error, warn, info, debug',
      ]);
    });
  });
});
