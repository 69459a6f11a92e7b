import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Controller, Ctx, Injectable, MessageContext, Module, Payload, UseGuards } from '../../../src/index.js';
import {
  InjectObjectStore, JETSTREAM_BACKEND, JetStreamModule, ObjectBucket, ObjectWatch, objectChangeOf, type ObjectChangeInfo, type ObjectMeta,
} from '../../../src/jetstream/index.js';
import { MemoryBroker, MemoryTransport, Test, waitUntil, type TestingApp } from '../../../src/testing/index.js';
import { RecordingLogger } from '../../support/recording-logger.js';

type Seen = ObjectChangeInfo & { size: number; modified: unknown; content?: string };

/** What every handler of one app saw. */
interface Log { all: Seen[]; deletes: string[]; current: string[]; failing: string[] }

@Injectable()
class Reader {
  constructor(@InjectObjectStore('docs') readonly docs: ObjectBucket) {}

  async text(name: string): Promise<string | undefined> {
    const found = await this.docs.get(name);
    return found && Buffer.from(await new Response(found.data).arrayBuffer()).toString();
  }
}

/** An app with the 'docs' object store and four watch handlers, on `broker`. */
async function docsApp(broker: MemoryBroker, log: Log, logger = new RecordingLogger()): Promise<TestingApp> {
  @Controller('prefix-not-used')
  class Watchers {
    constructor(private readonly reader: Reader) {}

    @ObjectWatch('docs')
    async all(@Payload() meta: ObjectMeta, @Ctx() ctx: MessageContext) {
      const c = objectChangeOf(ctx)!;
      // the content is read from the store's handle, never handed to the handler
      const content = c.operation === 'put' ? await this.reader.text(c.name) : undefined;
      log.all.push({ ...c, size: meta.size, modified: meta.modified, ...(content !== undefined && { content }) });
    }

    @ObjectWatch('docs', { operations: ['delete'] })
    deleted(@Payload() meta: ObjectMeta) {
      log.deletes.push(meta.name);
    }

    @ObjectWatch('docs', { initial: true, operations: ['put'] })
    @UseGuards((ctx: MessageContext) => objectChangeOf(ctx)?.name !== 'secret')
    current(@Payload() meta: ObjectMeta, @Ctx() ctx: MessageContext) {
      log.current.push(`${meta.name}${objectChangeOf(ctx)!.initial ? ' (initial)' : ''}`);
    }

    @ObjectWatch('docs', { operations: ['put'] })
    failing(@Payload() meta: ObjectMeta) {
      if (meta.name.startsWith('bad')) throw new Error(`cannot index ${meta.name}`);
      log.failing.push(meta.name);
    }
  }
  @Module({
    imports: [JetStreamModule.forRoot({ streams: [], objectStores: [{ name: 'docs' }] })],
    controllers: [Watchers],
    providers: [Reader],
  })
  class DocsModule {}
  return Test.createTestingModule({ imports: [DocsModule] }).useTransport(new MemoryTransport({ broker })).useLogger(logger).compile();
}

/** The 'docs' store on a second connection to `broker`. */
async function docsOn(broker: MemoryBroker): Promise<ObjectBucket> {
  const t = new MemoryTransport({ broker });
  await t.connect();
  const stores = t[JETSTREAM_BACKEND]().stores!();
  await stores.ensureObjectStore({ name: 'docs' });
  return new ObjectBucket('docs', () => stores);
}

const newLog = (): Log => ({ all: [], deletes: [], current: [], failing: [] });

describe('@ObjectWatch in the testing kit', () => {
  describe('when objects are put, replaced and deleted', () => {
    it('should call each handler with the changes it asked for, in revision order, with the metadata as payload', async () => {
      const broker = new MemoryBroker();
      const log = newLog();
      const app = await docsApp(broker, log);
      try {
        const docs = app.get(Reader).docs;
        const a = await docs.put('a.txt', 'alpha', { chunkSize: 2 });
        await docs.put('b.txt', 'beta');
        await docs.put('a.txt', 'alpha 2');
        await docs.delete('b.txt');
        await waitUntil(() => log.all.length === 4 && log.deletes.length === 1, { what: 'four changes' });
        assert.deepEqual(log.all.map((s) => [s.name, s.operation, s.size, s.content]), [
          ['a.txt', 'put', 5, 'alpha'], ['b.txt', 'put', 4, 'beta'], ['a.txt', 'put', 7, 'alpha 2'], ['b.txt', 'delete', 0, undefined],
        ]);
        assert.equal(log.all[0]!.revision, a.revision);
        assert.ok(log.all.every((s, i) => s.store === 'docs' && s.initial === false && (i === 0 || s.revision > log.all[i - 1]!.revision)));
        assert.ok(log.all.every((s) => s.modified instanceof Date));
        assert.deepEqual(log.deletes, ['b.txt']);
      } finally {
        await app.close();
      }
    });
  });

  describe('when the store holds objects before the app starts and a handler asks for them', () => {
    it('should give the current objects first (deleted ones skipped), then the changes; guards apply as to any handler', async () => {
      const broker = new MemoryBroker();
      const before = await docsOn(broker);
      await before.put('old', 'o');
      await before.put('gone', 'g');
      await before.delete('gone');
      await before.put('secret', 's');
      const log = newLog();
      const logger = new RecordingLogger();
      const app = await docsApp(broker, log, logger);
      try {
        await app.get(Reader).docs.put('new', 'n');
        await waitUntil(() => log.current.includes('new'), { what: 'the change after the current objects' });
        assert.deepEqual(log.current, ['old (initial)', 'new']);
        assert.deepEqual(log.all.map((s) => s.name), ['new'], 'a handler without initial sees changes only');
        const refused = await waitUntil(() => logger.lines.find((l) => l.level === 'warn' && /Watchers\.current failed on object 'secret'/.test(l.message)));
        assert.match(refused.message, /\(revision \d+\) of object store 'docs'/);
        assert.equal(app.app.stats().find((h) => h.handler === 'Watchers.current')?.failedEvents, 1);
      } finally {
        await app.close();
      }
    });
  });

  describe('when a handler throws', () => {
    it('should log the error with the store, name and revision, count it, and go on with the next change', async () => {
      const broker = new MemoryBroker();
      const log = newLog();
      const logger = new RecordingLogger();
      const app = await docsApp(broker, log, logger);
      try {
        const docs = app.get(Reader).docs;
        const bad = await docs.put('bad.txt', 'x');
        await docs.put('good.txt', 'y');
        await waitUntil(() => log.failing.includes('good.txt'), { what: 'the change after the failing one' });
        assert.deepEqual(log.failing, ['good.txt']);
        const line = logger.lines.find((l) => l.level === 'error' && /Watchers\.failing failed/.test(l.message));
        assert.ok(line, 'the failure is logged as an error');
        assert.equal(line.message, `Watchers.failing failed on object 'bad.txt' (revision ${bad.revision}) of object store 'docs'`);
        const meta = line.meta as Record<string, unknown>;
        assert.deepEqual({ store: meta['store'], name: meta['name'], revision: meta['revision'] }, { store: 'docs', name: 'bad.txt', revision: bad.revision });
        assert.match(String((meta['error'] as Error).message), /cannot index bad\.txt/);
        assert.equal(app.app.stats().find((h) => h.handler === 'Watchers.failing')?.failedEvents, 1);
      } finally {
        await app.close();
      }
    });
  });

  describe('when a client writes an entry on the store\'s metadata subjects that is not an object\'s metadata', () => {
    it('should refuse it as a 400 that names the object and the problem, count it, and go on', async () => {
      const broker = new MemoryBroker();
      const log = newLog();
      const logger = new RecordingLogger();
      const app = await docsApp(broker, log, logger);
      try {
        const backend = (app.transport as MemoryTransport)[JETSTREAM_BACKEND]();
        await backend.publish(`$O.docs.M.${Buffer.from('evil').toString('base64url')}`, new TextEncoder().encode('[1, 2'), { timeout: 5_000 });
        await app.get(Reader).docs.put('after', 'a');
        await waitUntil(() => log.all.some((s) => s.name === 'after'), { what: 'the change after the unreadable one' });
        assert.deepEqual(log.all.map((s) => s.name), ['after']);
        const warn = logger.lines.find((l) => l.level === 'warn' && /Watchers\.all failed on object 'evil'/.test(l.message));
        assert.ok(warn, 'the unreadable entry is logged');
        assert.match(warn.message, /not valid JSON/);
        assert.equal(app.app.stats().find((h) => h.handler === 'Watchers.all')?.failedEvents, 1);
      } finally {
        await app.close();
      }
    });
  });

  describe('when a handler watches an object store that does not exist', () => {
    it('should fail start-up with an error that names the handler and the store', async () => {
      @Controller()
      class Lost {
        @ObjectWatch('nowhere')
        changed() {}
      }
      @Module({ imports: [JetStreamModule.forRoot({ streams: [] })], controllers: [Lost] })
      class LostModule {}
      await assert.rejects(
        Test.createTestingModule({ imports: [LostModule] }).useLogger(new RecordingLogger()).compile(),
        /Lost\.changed watches object store 'nowhere', which cannot be opened \(is it declared in JetStreamModule\.forRoot\(\{ objectStores \}\)\?\)/,
      );
    });
  });

  describe('when the decorator is given what it cannot watch', () => {
    it('should throw a TypeError that says what is wrong', () => {
      const decorate = (store: string, o: Parameters<typeof ObjectWatch>[1]) => () => ObjectWatch(store, o);
      assert.throws(decorate('no.dots', {}), { name: 'TypeError', message: /'no\.dots' is not an object store name/ });
      assert.throws(decorate('docs', { operations: [] }), { name: 'TypeError', message: /operations must list/ });
      assert.throws(decorate('docs', { operations: ['purge' as 'put'] }), { name: 'TypeError', message: /operations must list/ });
      assert.throws(decorate('docs', { concurrency: 0 }), { name: 'TypeError', message: /concurrency must be a whole number/ });
    });
  });
});
