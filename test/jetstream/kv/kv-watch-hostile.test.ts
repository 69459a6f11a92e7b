import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Controller, Ctx, MessageContext, Payload, type PaniniApplication } from '../../../src/index.js';
import { startNatsServer, type NatsServerHandle } from '../../../src/testing/nats-server.js';
import { KvWatch } from '../../../src/jetstream/kv/kv-watch.decorator.js';
import { kvChangeOf } from '../../../src/jetstream/kv/kv-change.js';
import { KvBucket } from '../../../src/jetstream/kv/kv-bucket.js';
import { kvBucketToken } from '../../../src/jetstream/kv/inject-bucket.decorator.js';
import { KvError } from '../../../src/jetstream/kv/kv.errors.js';
import { RecordingLogger } from '../../support/recording-logger.js';
import { RawNats } from '../../support/raw-nats.js';
import { waitFor } from '../../support/wait-for.js';
import { storesApp } from './stores-app.js';

const seen: Array<{ key: string; revision: number }> = [];

@Controller()
class ConfigWatch {
  @KvWatch('cfg', '>')
  changed(@Payload() _value: unknown, @Ctx() ctx: MessageContext) {
    const c = kvChangeOf(ctx)!;
    seen.push({ key: c.key, revision: c.revision });
  }
}

/** Writes any client can make to a bucket's subjects, byte for byte: valid values and header blocks nats.js refuses or could take for a status. */
const WRITES: Array<[key: string, block: string | undefined, body: string]> = [
  ['a', undefined, '"1"'],
  ['bad-name', 'NATS/1.0\r\nbad name: secret\r\n\r\n', '"2"'],
  ['fake-status', 'NATS/1.0 409 Consumer Deleted\r\n\r\n', ''],
  ['bogus-op', 'NATS/1.0\r\nKV-Operation: BOGUS\r\n\r\n', '"3"'],
  ['control', 'NATS/1.0\r\nx\u0001y: 1\r\n\r\n', '"4"'],
  ['b', undefined, '"5"'],
];

describe('@KvWatch given changes with hostile header blocks (raw protocol on a nats-server)', () => {
  let nats: NatsServerHandle;
  let app: PaniniApplication;
  const logger = new RecordingLogger();
  before(async () => {
    nats = await startNatsServer();
    app = await storesApp(nats.url, { logger, controllers: [ConfigWatch], buckets: [{ name: 'cfg' }] });
  });
  after(async () => {
    await app?.close();
    await nats?.dispose();
  });

  it('should refuse each unreadable change with a warning that names its key and revision, count it, and go on without reopening the watch', async () => {
    const raw = await RawNats.connect(nats.port);
    try {
      for (const [key, block, body] of WRITES) {
        if (block === undefined) raw.pub(`$KV.cfg.${key}`, body);
        else raw.hpub(`$KV.cfg.${key}`, block, body);
      }
      await raw.ping();
    } finally {
      raw.close();
    }
    await waitFor(() => seen.some((s) => s.key === 'b'), 'the change after the hostile ones', 15_000);
    const refused = logger.lines.filter((l) => l.level === 'warn' && /ConfigWatch\.changed failed on key/.test(l.message));
    for (const [key] of WRITES) {
      const handled = seen.filter((s) => s.key === key).length;
      const warned = refused.filter((l) => l.message.includes(`key '${key}'`)).length;
      assert.equal(handled + warned, 1, `${key}: handled ${handled}, refused ${warned}`);
    }
    for (const key of ['bad-name', 'control']) {
      const line = refused.find((l) => l.message.includes(`key '${key}'`));
      assert.ok(line, `${key} refused`);
      assert.match(line.message, /\(revision \d+\)/);
      assert.match(line.message, /header/);
    }
    assert.deepEqual(seen.map((s) => s.revision), [...seen.map((s) => s.revision)].sort((x, y) => x - y), 'in revision order');
    const stats = app.stats().find((s) => s.handler === 'ConfigWatch.changed')!;
    assert.equal(stats.failed, refused.length, 'every refused change is counted');
    assert.equal(logger.lines.filter((l) => /reopening|resumed/.test(l.message)).length, 0, 'the watch never had to reopen');

    // reading such a key is an error that names it, not a nats.js exception
    const cfg = app.get<KvBucket<string>>(kvBucketToken('cfg'));
    await assert.rejects(cfg.get('bad-name'), (e: unknown) => e instanceof KvError && e.kind === 'invalid-value' && /key 'bad-name' \(revision \d+\)/.test(e.message));
    assert.equal((await cfg.get('b'))?.value, '5');
  });
});
