import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { Controller, Logger, Module, PaniniFactory, Payload, Subject, type PaniniApplication } from '../../src/index.js';
import { startNatsServer, type NatsServerHandle } from '../../src/testing/nats-server.js';
import { readLines, removeDir, tempDir } from './support.js';

@Controller('greet')
class GreetController {
  constructor(private readonly log: Logger) {}
  @Subject('say')
  async say(@Payload() body: { name: string }): Promise<string> {
    await new Promise((resolve) => setImmediate(resolve));
    this.log.info('greeting', { name: body.name });
    return `hello ${body.name}`;
  }
}

@Module({ controllers: [GreetController] })
class GreetModule {}

describe('per-message log fields over NATS', () => {
  let nats: NatsServerHandle;
  let app: PaniniApplication;
  const root = tempDir();
  before(async () => {
    nats = await startNatsServer();
    app = await PaniniFactory.create(GreetModule, { name: 'greeter', servers: nats.url, handleSignals: false, logging: { root, dir: 'logs', console: false, worker: true } });
    await app.start();
  });
  after(async () => {
    await app.close();
    await nats.dispose();
    removeDir(root);
  });

  describe('when requests arrive with and without a request id header', () => {
    it('should write subject, request id and service on the handler lines, as JSON', async () => {
      await app.client.request('greet.say', { name: 'ann' }, { headers: { 'Nats-Request-Id': 'abc-1' } });
      await app.client.request('greet.say', { name: 'bob' });
      await app.logger.flush?.();
      const lines = readLines(join(root, 'logs', 'app.log')).filter((l) => l['message'] === 'greeting');
      assert.deepEqual(lines.map((l) => [l['name'], l['subject'], l['service'], l['context']]), [
        ['ann', 'greet.say', 'greeter', 'GreetController'],
        ['bob', 'greet.say', 'greeter', 'GreetController'],
      ]);
      assert.equal(lines[0]!['requestId'], 'abc-1');
      assert.match(String(lines[1]!['requestId']), /^[0-9a-f-]{36}$/);
    });
  });
});
