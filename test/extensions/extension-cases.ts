import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  Controller, Ctx, Headers, Injectable, MessageContext, Module, NatsClient, PaniniFactory, Payload, RemoteError, ServiceError, Subject,
  UseFilters, UseGuards, UseInterceptors, UseMiddleware, concurrencyLimit, debugTraffic, timeout,
  type ExceptionFilter, type Guard, type Interceptor, type Middleware, type Next, type PaniniApplication, type PaniniOptions,
} from '../../src/index.js';
import { RecordingLogger } from '../support/recording-logger.js';
import { waitFor } from '../support/wait-for.js';

const order: string[] = [];
const mark = (name: string) => async (_ctx: MessageContext, next: Next) => { order.push(`${name}>`); const r = await next(); order.push(`<${name}`); return r; };

@Injectable()
class Policy { allows(user: string | undefined) { return user === 'admin'; } }

@Injectable()
class AuthGuard implements Guard {
  constructor(private readonly policy: Policy) {}
  canActivate(ctx: MessageContext) { return this.policy.allows(ctx.headers['x-user']); }
}

@Injectable()
class StampMiddleware implements Middleware {
  constructor(private readonly policy: Policy) {}
  async use(ctx: MessageContext, next: Next) {
    ctx.setReplyHeader('x-policy', this.policy.constructor.name);
    return next();
  }
}

class WrapInterceptor implements Interceptor {
  async intercept(_ctx: MessageContext, next: Next) { return { data: await next() }; }
}

class Conflict extends Error {}
class ConflictFilter implements ExceptionFilter {
  catch(error: unknown) { return error instanceof Conflict ? { code: 409, message: `conflict: ${error.message}` } : undefined; }
}

const state = { handlerCalls: 0, aborted: false, release: undefined as undefined | (() => void), running: 0, started: 0 };

@Controller('ext')
@UseMiddleware(mark('controller'))
class ExtController {
  @Subject('order') @UseMiddleware(mark('handler1'), mark('handler2'))
  ordered() { order.push('handler'); return 'ok'; }

  @Subject('short') @UseMiddleware(() => 'short-circuited')
  short() { state.handlerCalls++; return 'handler'; }

  @Subject('rewrite') @UseMiddleware((ctx: MessageContext, next: Next) => { ctx.payload = { n: (ctx.payload as { n: number }).n * 10 }; ctx.headers = { ...ctx.headers, 'x-added': 'yes' }; return next(); })
  rewrite(@Payload() body: { n: number }, @Headers('x-added') added: string) { return { n: body.n, added }; }

  @Subject('refuse') @UseMiddleware(() => { throw new ServiceError(401, 'who are you'); })
  refuse() { state.handlerCalls++; }

  @Subject('di') @UseMiddleware(StampMiddleware)
  di() { return 'stamped'; }

  @Subject('guarded') @UseGuards(AuthGuard)
  guarded() { return 'welcome'; }

  @Subject('guarded.event') @UseGuards(() => false)
  guardedEvent() { state.handlerCalls++; }

  @Subject('wrapped') @UseInterceptors(WrapInterceptor)
  wrapped() { return 42; }

  @Subject('mapped') @UseInterceptors(async (_ctx: MessageContext, next: Next) => { try { return await next(); } catch { throw new ServiceError(418, 'mapped by interceptor'); } })
  mapped() { throw new Error('raw'); }

  @Subject('filtered') @UseFilters(ConflictFilter)
  filtered(@Payload() body: { conflict: boolean }) { if (body.conflict) throw new Conflict('dup'); throw new Error('other'); }

  @Subject('swallowed') @UseFilters(() => null)
  swallowed() { throw new Error('ignored'); }

  @Subject('outbound') outbound(@Headers('x-trace') trace: string) { return trace ?? null; }

  @Subject('slow') @UseMiddleware(timeout(50))
  async slow(@Ctx() ctx: MessageContext) {
    await new Promise<void>((resolve) => ctx.signal!.addEventListener('abort', () => resolve()));
    state.aborted = ctx.signal!.aborted;
    return 'too late';
  }

  @Subject('limited', { concurrency: 10 }) @UseMiddleware(concurrencyLimit({ max: 1, queue: 1 }))
  async limited() {
    state.running++;
    state.started++;
    await new Promise<void>((resolve) => { state.release = resolve; });
    state.running--;
    return 'done';
  }
}

@Module({ controllers: [ExtController], providers: [Policy] })
class ExtModule {}

/** The extension tests, run against any transport so memory and NATS are held to the same behaviour. */
export function extensionCases(transportName: string, setup: () => Promise<{ options: PaniniOptions; dispose: () => Promise<void> }>): void {
  describe(`pipeline extensions on ${transportName}`, () => {
    let app: PaniniApplication;
    let client: NatsClient;
    let dispose: () => Promise<void>;
    const logger = new RecordingLogger();

    before(async () => {
      const s = await setup();
      dispose = s.dispose;
      app = await PaniniFactory.create(ExtModule, { name: 'ext', ...s.options, logging: logger, handleSignals: false });
      app.use(mark('global1'), mark('global2'));
      app.use(debugTraffic(logger.child('traffic'), { maxLength: 12 }));
      app.useOutbound((msg, next) => { if (msg.subject === 'ext.outbound') msg.headers['x-trace'] = 'trace-1'; return next(); });
      app.useOutbound((msg, next) => { if (msg.subject === 'ext.forbidden') throw new Error('refused by outbound middleware'); return next(); });
      await app.start();
      client = app.get(NatsClient);
    });
    after(async () => { await app.close(); await dispose(); });

    describe('when middleware is registered at three levels', () => {
      it('should run global, then controller, then handler, first registered outermost', async () => {
        order.length = 0;
        assert.equal(await client.request('ext.order'), 'ok');
        assert.deepEqual(order, ['global1>', 'global2>', 'controller>', 'handler1>', 'handler2>', 'handler', '<handler2', '<handler1', '<controller', '<global2', '<global1']);
      });
    });

    describe('when middleware returns without calling next', () => {
      it('should reply with its value and not call the handler', async () => {
        const calls = state.handlerCalls;
        assert.equal(await client.request('ext.short'), 'short-circuited');
        assert.equal(state.handlerCalls, calls);
      });
    });

    describe('when middleware changes the payload and headers', () => {
      it('should hand the changed values to the handler', async () => {
        assert.deepEqual(await client.request('ext.rewrite', { n: 2 }), { n: 20, added: 'yes' });
      });
    });

    describe('when middleware throws', () => {
      it('should answer with its error and not call the handler', async () => {
        const calls = state.handlerCalls;
        await assert.rejects(client.request('ext.refuse'), (e: unknown) => e instanceof RemoteError && e.code === 401);
        assert.equal(state.handlerCalls, calls);
      });
    });

    describe('when middleware is a class', () => {
      it('should be resolved with its injected providers', async () => {
        const reply = await client.requestMessage('ext.di');
        assert.equal(reply.data, 'stamped');
        assert.equal(reply.headers['x-policy'], 'Policy');
      });
    });

    describe('when a guard decides', () => {
      it('should let allowed messages through and answer 403 otherwise', async () => {
        assert.equal(await client.request('ext.guarded', {}, { headers: { 'x-user': 'admin' } }), 'welcome');
        await assert.rejects(client.request('ext.guarded', {}, { headers: { 'x-user': 'bob' } }), (e: unknown) => e instanceof RemoteError && e.code === 403);
      });
      it('should log a warning for a refused event', async () => {
        const calls = state.handlerCalls;
        client.publish('ext.guarded.event', {});
        await waitFor(() => logger.lines.some((l) => l.level === 'warn' && l.message.includes('ext.guarded.event') && /forbidden/.test(l.message)), 'a warning for the refused event');
        assert.equal(state.handlerCalls, calls);
      });
    });

    describe('when interceptors wrap the handler', () => {
      it('should transform the result', async () => {
        assert.deepEqual(await client.request('ext.wrapped'), { data: 42 });
      });
      it('should map errors', async () => {
        await assert.rejects(client.request('ext.mapped'), (e: unknown) => e instanceof RemoteError && e.code === 418 && e.message === 'mapped by interceptor');
      });
    });

    describe('when exception filters handle errors', () => {
      it('should answer with what the filter returns and fall back to the default mapping', async () => {
        await assert.rejects(client.request('ext.filtered', { conflict: true }), (e: unknown) => e instanceof RemoteError && e.code === 409 && e.message === 'conflict: dup');
        await assert.rejects(client.request('ext.filtered', { conflict: false }), (e: unknown) => e instanceof RemoteError && e.code === 500);
      });
      it('should let a filter swallow an error, still answering the requester', async () => {
        assert.equal(await client.request('ext.swallowed', {}, { timeout: 2000 }), undefined);
      });
    });

    describe('when outbound middleware is registered', () => {
      it('should add a header the responder sees', async () => {
        assert.equal(await client.request('ext.outbound'), 'trace-1');
      });
      it('should be able to refuse a message', async () => {
        await assert.rejects(client.request('ext.forbidden'), /refused by outbound middleware/);
      });
    });

    describe('built-ins', () => {
      it('timeout() should abort the handler and answer 504', async () => {
        await assert.rejects(client.request('ext.slow', {}, { timeout: 3000 }), (e: unknown) => e instanceof RemoteError && e.code === 504);
        await waitFor(() => state.aborted, 'the handler to see its signal aborted');
      });
      it('concurrencyLimit() should queue up to its bound and refuse beyond it with 503', async () => {
        const first = client.request('ext.limited', {}, { timeout: 5000 });
        await waitFor(() => state.running === 1, 'the first call to run');
        const second = client.request('ext.limited', {}, { timeout: 5000 });
        await waitFor(() => app.stats().find((s) => s.subject === 'ext.limited')!.inFlight === 2, 'the second call to wait');
        await assert.rejects(client.request('ext.limited', {}, { timeout: 5000 }), (e: unknown) => e instanceof RemoteError && e.code === 503);
        assert.equal(state.running, 1);
        state.release!();
        await waitFor(() => state.started === 2, 'the second call to start after the first');
        assert.equal(state.running, 1);
        state.release!();
        assert.deepEqual(await Promise.all([first, second]), ['done', 'done']);
      });
      it('debugTraffic() should log traffic with payloads cut short', async () => {
        await client.request('ext.rewrite', { n: 1234567890123 });
        const line = logger.lines.find((l) => l.context === 'traffic' && l.message === '<- ext.rewrite' && String((l.meta as { payload: string }).payload).includes('more'));
        assert.ok(line, 'a debug line with a truncated payload');
        assert.equal((line.meta as { payload: string }).payload, '{"n":1234567…(7 more)');
      });
    });
  });
}
