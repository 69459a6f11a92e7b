import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Controller, Module, PaniniFactory, Subject } from '../../src/index.js';
import { toNatsOptions } from '../../src/transport/connection-options.js';

@Controller('probe')
class ProbeController {
  @Subject('ping')
  ping(): string { return 'pong'; }
}

@Module({ controllers: [ProbeController] })
class ProbeModule {}

/** Starts an app with NATS_URL set to `value` and resolves with the start-up error's message. */
async function startWith(value: string): Promise<string> {
  const saved = process.env['NATS_URL'];
  process.env['NATS_URL'] = value;
  const app = await PaniniFactory.create(ProbeModule, { name: 'probe', handleSignals: false, logging: { level: 'error' } });
  try {
    await app.start();
    return 'started';
  } catch (err) {
    return (err as Error).message;
  } finally {
    await app.close().catch(() => undefined);
    if (saved === undefined) delete process.env['NATS_URL'];
    else process.env['NATS_URL'] = saved;
  }
}

describe('NATS_URL', () => {
  describe('when it is set but blank', () => {
    // checked on the connection options, not by starting an app: a regression would reach 127.0.0.1:4222
    it('should refuse it quoting the value instead of connecting to 127.0.0.1:4222', () => {
      for (const value of ['   ', '', ' , ']) {
        const saved = process.env['NATS_URL'];
        process.env['NATS_URL'] = value;
        try {
          assert.throws(() => toNatsOptions('probe', {}), { message: new RegExp(`^NATS_URL is empty \\(read ${JSON.stringify(value)}\\)`) });
        } finally {
          if (saved === undefined) delete process.env['NATS_URL'];
          else process.env['NATS_URL'] = saved;
        }
      }
    });
  });

  describe('when a URL has a scheme NATS does not speak', () => {
    it('should fail start-up naming the URL and the schemes it accepts', async () => {
      const message = await startWith('nats://127.0.0.1:1, http://user:secret@127.0.0.1:1');
      assert.match(message, /NATS_URL has a URL NATS cannot use: "http:\/\/\*\*\*@127\.0\.0\.1:1" \(scheme http:\/\/; use nats:\/\/, tls:\/\/, ws:\/\/, wss:\/\/ or host:port\)/);
      assert.doesNotMatch(message, /secret/);
    });
  });
});
