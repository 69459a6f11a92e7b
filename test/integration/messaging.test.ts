import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  APP_OPTIONS, Controller, Ctx, Headers, Inject, Injectable, MessageContext, Module, NatsClient, NoRespondersError, PaniniFactory,
  Param, Payload, RemoteError, RequestTimeoutError, ServiceError, Subject, type Codec, type PaniniApplication, type PaniniOptions, type ResolvedOptions,
} from '../../src/index.js';
import { startNatsServer, type NatsServerHandle } from '../../src/testing/nats-server.js';
import { waitFor } from '../support/wait-for.js';
import { RecordingLogger } from '../support/recording-logger.js';

/** What every instance saw, keyed by instance name. */
const seen = new Map<string, { work: number[]; broadcast: number[] }>();
const gate: { waiting: Array<() => void>; started: number } = { waiting: [], started: 0 };
const calls = { malformed: 0 };

const upper: Codec<string> = {
  name: 'upper',
  encode: (v) => new TextEncoder().encode(String(v).toUpperCase()),
  decode: (b) => new TextDecoder().decode(b),
};

@Injectable()
class Counter {
  private readonly mine: { work: number[]; broadcast: number[] };
  constructor(@Inject(APP_OPTIONS) options: ResolvedOptions) {
    this.mine = { work: [], broadcast: [] };
    seen.set(options.name === 'svc' ? `svc-${seen.size}` : options.name, this.mine);
  }
  add(kind: 'work' | 'broadcast', n: number) { this.mine[kind].push(n); }
}

@Controller('jobs')
class JobsController {
  constructor(private readonly counter: Counter) {}
  @Subject('work') work(@Payload() body: { n: number }) { this.counter.add('work', body.n); }
  @Subject('broadcast', { queue: false }) broadcast(@Payload() body: { n: number }) { this.counter.add('broadcast', body.n); }
}

@Controller()
class EchoController {
  constructor(private readonly nats: NatsClient) {}
  @Subject('echo') echo(payload: unknown, ctx: MessageContext) { return { payload, subject: ctx.subject }; }
  @Subject('alias.one') @Subject('alias.two') alias(@Ctx() ctx: MessageContext) { return ctx.subject; }
  @Subject('named.queue', { queue: 'workers' }) named(@Ctx() ctx: MessageContext) { return ctx.subject; }
  @Subject('void') nothing() { /* answers with an empty body */ }
  @Subject('orders.{id}.shipped') shipped(@Param('id') id: string, @Payload() body: { carrier: string }) { return { id, carrier: body.carrier }; }
  @Subject('logs.*.line') star(@Ctx() ctx: MessageContext) { return ctx.subject; }
  @Subject('audit.>') tail(@Ctx() ctx: MessageContext) { return ctx.subject; }
  @Subject('headers')
  headers(@Headers('x-trace') trace: string, @Headers() all: Record<string, string>, @Ctx() ctx: MessageContext) {
    ctx.setReplyHeader('x-trace-back', `${trace}!`);
    return { trace, keys: Object.keys(all).sort() };
  }
  @Subject('text', { codec: 'string' }) text(@Payload() s: string) { return `${s}:${typeof s}`; }
  @Subject('bytes', { codec: 'bytes' }) bytes(@Payload() b: Uint8Array) { return Uint8Array.from(b).reverse(); }
  @Subject('custom', { codec: upper }) custom(@Payload() s: string) { return `got ${s}`; }
  @Subject('fail.service') failService() { throw new ServiceError(409, 'already exists', { id: 7 }); }
  @Subject('fail.crash') failCrash() { throw new Error('secret internals'); }
  @Subject('fail.async') async failAsync() { await Promise.resolve(); throw new ServiceError(422, 'nope'); }
  @Subject('strict') strict(@Payload() body: unknown) { calls.malformed++; return body; }
  @Subject('hang') hang() { return new Promise(() => undefined); }
  @Subject('forward') forward(@Payload() body: { to: string }) { return this.nats.request('echo', { via: body.to }); }
}

@Module({ controllers: [JobsController, EchoController], providers: [Counter] })
class AppModule {}

@Controller('restart')
class RestartController {
  @Subject('who') who() { return 'restart'; }
}
@Module({ controllers: [RestartController] })
class RestartModule {}

/** Served only by the app under test for close(): nobody else can answer its subject. */
@Controller('closing')
class SlowController {
  @Subject('slow') async slow() {
    gate.started++;
    await new Promise<void>((resolve) => { gate.waiting.push(resolve); });
    return { done: true };
  }
}
@Module({ controllers: [SlowController] })
class SlowModule {}

describe('messaging on NATS', () => {
  let nats: NatsServerHandle;
  const apps: PaniniApplication[] = [];
  let a: PaniniApplication;
  let b: PaniniApplication;
  let client: NatsClient;

  const open = async (name: string, root: typeof AppModule = AppModule, logging: PaniniOptions['logging'] = { silent: true }) => {
    const app = await PaniniFactory.create(root, { name, servers: nats.url, logging, handleSignals: false, reconnectTimeWait: 50 });
    await app.start();
    apps.push(app);
    return app;
  };

  before(async () => {
    nats = await startNatsServer();
    a = await open('svc');
    b = await open('svc');
    client = a.get(NatsClient);
  });
  after(async () => {
    for (const app of apps) await app.close();
    await nats.dispose();
  });

  describe('when two instances share the default queue group', () => {
    it('should handle each message exactly once and use both instances', async () => {
      const sender = b.get(NatsClient);
      for (let n = 0; n < 200; n++) sender.publish('jobs.work', { n });
      await sender.flush();
      const all = () => [...seen.values()].flatMap((s) => s.work);
      await waitFor(() => all().length >= 200, '200 work messages');
      const handled = all().sort((x, y) => x - y);
      assert.deepEqual(handled, Array.from({ length: 200 }, (_, i) => i));
      for (const [name, s] of seen) assert.ok(s.work.length > 0, `${name} handled none of the work`);
    });

    it('should give every instance a copy with { queue: false }', async () => {
      for (let n = 0; n < 10; n++) client.publish('jobs.broadcast', { n });
      await waitFor(() => [...seen.values()].every((s) => s.broadcast.length === 10), 'every instance to get 10 broadcasts');
      assert.equal(seen.size, 2);
    });
  });

  describe('when a method carries several @Subject decorators', () => {
    it('should answer on each subject', async () => {
      assert.equal(await client.request('alias.one'), 'alias.one');
      assert.equal(await client.request('alias.two'), 'alias.two');
    });
  });

  describe('when a handler names its queue group', () => {
    it('should subscribe in that group', async () => {
      const stats = a.stats().find((s) => s.subject === 'named.queue')!;
      assert.equal(stats.queue, 'workers');
      assert.equal(a.stats().find((s) => s.subject === 'echo')!.queue, 'svc');
      assert.equal(a.stats().find((s) => s.subject === 'jobs.broadcast')!.queue, false);
      assert.equal(await client.request('named.queue'), 'named.queue');
    });
  });

  describe('when a request is made', () => {
    it('should answer with the return value', async () => {
      assert.deepEqual(await client.request('echo', { hi: 1 }), { payload: { hi: 1 }, subject: 'echo' });
    });
    it('should answer a void handler with an empty reply instead of a timeout', async () => {
      assert.equal(await client.request('void', {}, { timeout: 2000 }), undefined);
    });
    it('should let a handler request another handler', async () => {
      assert.deepEqual(await client.request('forward', { to: 'x' }), { payload: { via: 'x' }, subject: 'echo' });
    });
  });

  describe('when replyTo names a third subject', () => {
    it('should send the handler result there', async () => {
      const got: unknown[] = [];
      const sub = client.subscribe('results.echo', (m) => { got.push(m.data); });
      await client.flush();
      client.publish('echo', { job: 1 }, { replyTo: 'results.echo' });
      await waitFor(() => got.length === 1, 'a result on results.echo');
      assert.deepEqual(got[0], { payload: { job: 1 }, subject: 'echo' });
      sub.unsubscribe();
    });
  });

  describe('when subjects use wildcards and named tokens', () => {
    it('should give the named token to @Param', async () => {
      assert.deepEqual(await client.request('orders.42.shipped', { carrier: 'ups' }), { id: '42', carrier: 'ups' });
    });
    it('should match * and >', async () => {
      assert.equal(await client.request('logs.api.line', {}), 'logs.api.line');
      assert.equal(await client.request('audit.a.b.c', {}), 'audit.a.b.c');
      await assert.rejects(client.request('logs.api.extra.line', {}), NoRespondersError);
    });
  });

  describe('when headers are sent', () => {
    it('should pass them to the handler and send reply headers back', async () => {
      const reply = await client.requestMessage<{ trace: string; keys: string[] }>('headers', {}, { headers: { 'x-trace': 't1', 'x-other': 'o' } });
      assert.equal(reply.data.trace, 't1');
      assert.deepEqual(reply.data.keys, ['x-other', 'x-trace']);
      assert.equal(reply.headers['x-trace-back'], 't1!');
    });
  });

  describe('when a handler picks a codec', () => {
    it('should decode and encode strings', async () => {
      assert.equal(await client.request('text', 'plain words', { replyCodec: 'string' }), 'plain words:string');
    });
    it('should pass bytes through untouched', async () => {
      const reply = await client.request<Uint8Array>('bytes', new Uint8Array([1, 2, 3]), { replyCodec: 'bytes' });
      assert.deepEqual([...reply], [3, 2, 1]);
    });
    it('should use a custom codec both ways', async () => {
      assert.equal(await client.request('custom', 'abc', { replyCodec: 'string' }), 'GOT ABC');
    });
  });

  describe('when a handler fails', () => {
    it('should carry a ServiceError code, message and details to the caller', async () => {
      await assert.rejects(client.request('fail.service', {}), (e: unknown) => {
        assert.ok(e instanceof RemoteError);
        assert.deepEqual([e.code, e.message, e.details], [409, 'already exists', { id: 7 }]);
        return true;
      });
    });
    it('should answer 500 without leaking the error message', async () => {
      const reply = await client.requestMessage('fail.crash', {}).catch((e: RemoteError) => e);
      assert.ok(reply instanceof RemoteError);
      assert.equal(reply.code, 500);
      assert.doesNotMatch(reply.message, /secret/);
    });
    it('should set the NATS service error headers', async () => {
      const raw = await a.transport.request('fail.async', new TextEncoder().encode('{}'), { timeout: 2000 });
      assert.equal(raw.headers?.['Nats-Service-Error-Code'], '422');
      assert.equal(raw.headers?.['Nats-Service-Error'], 'nope');
      assert.deepEqual(JSON.parse(new TextDecoder().decode(raw.data)), { error: { code: 422, message: 'nope' } });
    });
    it('should answer malformed JSON with 400 without calling the handler', async () => {
      const before = calls.malformed;
      const raw = await a.transport.request('strict', new TextEncoder().encode('{not json'), { timeout: 2000 });
      assert.equal(raw.headers?.['Nats-Service-Error-Code'], '400');
      assert.equal(calls.malformed, before);
    });
    it('should count a malformed event and keep serving', async () => {
      const failedBefore = a.stats().concat(b.stats()).filter((s) => s.subject === 'jobs.work').reduce((n, s) => n + s.failedEvents, 0);
      a.transport.publish('jobs.work', new TextEncoder().encode('{oops'));
      await waitFor(() => a.stats().concat(b.stats()).filter((s) => s.subject === 'jobs.work').reduce((n, s) => n + s.failedEvents, 0) === failedBefore + 1, 'the failed event to be counted');
      assert.deepEqual(await client.request('echo', 1), { payload: 1, subject: 'echo' });
    });
  });

  describe('when nobody answers', () => {
    it('should fail fast with NoRespondersError', async () => {
      const t = Date.now();
      await assert.rejects(client.request('nobody.listens', {}, { timeout: 4000 }), NoRespondersError);
      assert.ok(Date.now() - t < 4000, 'did not wait for the timeout');
    });
    it('should time out when the responder never answers', async () => {
      await assert.rejects(client.request('hang', {}, { timeout: 150 }), (e: unknown) => e instanceof RequestTimeoutError && e.timeout === 150);
    });
  });

  describe('when the broker restarts mid-stream', () => {
    it('should reconnect, keep its subscriptions and answer again', async () => {
      const logger = new RecordingLogger();
      const app = await open('restart', RestartModule, logger);
      const c = a.get(NatsClient);
      assert.equal(await c.request('restart.who', {}), 'restart');
      await nats.restart();
      const reply = await waitFor(() => c.request('restart.who', {}, { timeout: 500 }).catch(() => undefined), 'an answer after the restart', 15_000);
      assert.equal(reply, 'restart');
      await waitFor(() => app.status.readiness().ready && a.status.readiness().ready, 'all apps ready again', 15_000);
      assert.ok(logger.lines.some((l) => l.level === 'warn' && /disconnected from NATS/.test(l.message)), 'the disconnect was logged');
      assert.ok(logger.lines.some((l) => l.level === 'info' && /reconnected to NATS/.test(l.message)), 'the reconnect was logged');
    });
  });

  describe('when close() is called with a handler in flight', () => {
    it('should finish the handler and deliver its reply before closing', async () => {
      const app = await open('closing', SlowModule);
      const caller = a.get(NatsClient);
      const startedBefore = gate.started;
      const reply = caller.request('closing.slow', {}, { timeout: 10_000 });
      await waitFor(() => gate.started > startedBefore, 'the slow handler to start');
      const closed = app.close();
      let done = false;
      void closed.then(() => { done = true; });
      // hold the handler until the app has left its subscription, so close() must wait for it
      await waitFor(async () => (await caller.request('closing.slow', {}, { timeout: 300 }).catch((e: unknown) => e)) instanceof NoRespondersError, 'closing.slow to lose its responder');
      assert.equal(done, false, 'close() resolved with the handler still running');
      assert.notEqual(app.transport.state, 'closed');
      for (const open of gate.waiting.splice(0)) open();
      assert.deepEqual(await reply, { done: true });
      await closed;
      assert.equal(app.status.phase, 'stopped');
      assert.equal(app.transport.state, 'closed');
    });
  });
});
