import { describe, it, mock } from 'node:test';
import assert from 'node:assert/strict';
import { RemoteError } from '../../src/index.js';
import { waitUntil } from '../../src/testing/index.js';
import type { ContractScope } from './contract-target.js';
import { FrontController, OrdersModule, OrdersService, PoolModule, TICKS, upper } from './contract-fixtures.js';

/** The real pipeline on the transport: what a service does must not depend on the broker. */
export function pipelineCases(scope: ContractScope): void {
  describe('the pipeline', () => {
    describe('when a request is valid', () => {
      it('should decode, validate, call the handler, encode the reply and publish its event', async () => {
        const app = await scope.app({ imports: [OrdersModule] });
        assert.deepEqual(await app.request('orders.create', { sku: 'ab', qty: 2 }), { id: 'o-ab', sku: 'ab', qty: 2 });
        const event = await app.traffic.waitFor<{ id: string }>('orders.created');
        assert.deepEqual(event.data, { id: 'o-ab' });
      });
    });

    describe('when the payload fails validation', () => {
      it('should reply 400 with the fields, and never call the service', async () => {
        const create = mock.fn();
        const app = await scope.app({ imports: [OrdersModule] }, (b) => b.overrideProvider(OrdersService).useValue({ create }));
        const err = await app.request('orders.create', { sku: 'ab', qty: 0 }).catch((e: unknown) => e);
        assert.ok(err instanceof RemoteError);
        assert.equal(err.code, 400);
        assert.deepEqual((err.details as Array<{ path: string }>).map((d) => d.path), ['qty']);
        assert.equal(create.mock.callCount(), 0);
      });
    });

    describe('when the payload is not JSON', () => {
      it('should reply 400 malformed payload', async () => {
        const app = await scope.app({ imports: [OrdersModule] });
        await assert.rejects(app.request('orders.create', '{nope'), (e: unknown) => e instanceof RemoteError && e.code === 400 && /malformed payload/.test(e.message));
      });
    });

    describe('when an event fails validation', () => {
      it('should re-publish it to its invalidTo subject with the error, and not call the handler', async () => {
        const ticks: number[] = [];
        const app = await scope.app({ imports: [OrdersModule] }, (b) => b.overrideProvider(TICKS).useValue(ticks));
        await app.publish('orders.strict', { sku: 'ab', qty: 'many' });
        const dead = await app.traffic.waitFor<{ subject: string; error: { code: number } }>('orders.invalid');
        assert.equal(dead.data.subject, 'orders.strict');
        assert.equal(dead.data.error.code, 400);
        assert.equal(dead.headers['Nats-Service-Error-Code'], '400');
        assert.deepEqual(ticks, []);
      });
    });

    describe('when the handler throws a ServiceError', () => {
      it('should reply with its code, message and details, and the NATS service error headers', async () => {
        const app = await scope.app({ imports: [OrdersModule] });
        await assert.rejects(app.request('orders.missing.get'), { name: 'RemoteError', code: 404, message: 'order missing not found', details: { id: 'missing' } });
        const reply = await app.traffic.waitFor('_INBOX.>', { predicate: (m) => m.kind === 'reply' && m.isError });
        assert.equal(reply.headers['Nats-Service-Error-Code'], '404');
        assert.equal(reply.headers['Nats-Service-Error'], 'order missing not found');
      });
    });

    describe('when the handler fails unexpectedly', () => {
      it('should reply 500 without leaking the error message', async () => {
        const app = await scope.app({ imports: [OrdersModule] });
        await assert.rejects(app.request('orders.crash'), { code: 500, message: 'internal error' });
      });
    });

    describe('when a guard refuses', () => {
      it('should reply 403', async () => {
        const app = await scope.app({ imports: [OrdersModule] });
        await assert.rejects(app.request('orders.guarded'), { code: 403 });
      });
    });

    describe('when a request carries headers', () => {
      it('should give them to the handler and send reply headers from the handler and middleware', async () => {
        const app = await scope.app({ imports: [OrdersModule] });
        const reply = await app.requestMessage('orders.traced', {}, { headers: { 'x-trace': 't-1' } });
        assert.deepEqual(reply.data, { trace: 't-1' });
        assert.equal(reply.headers['x-trace-back'], 't-1!');
        assert.equal(reply.headers['x-middleware'], 'ran');
      });
    });

    describe('when a handler names a codec', () => {
      it('should decode and encode with the string, bytes and custom codecs', async () => {
        const app = await scope.app({ imports: [OrdersModule] });
        assert.equal(await app.request('orders.text', '42', { replyCodec: 'string' }), '42:string');
        const bytes = await app.request<Uint8Array>('orders.bytes', Uint8Array.from([1, 2, 3]), { replyCodec: 'bytes' });
        assert.deepEqual([...bytes], [3, 2, 1]);
        assert.equal(await app.request('orders.custom', 'hi', { codec: upper, replyCodec: 'string' }), 'GOT HI');
      });
    });

    describe('when two instances of a service run', () => {
      it('should handle each event once, spread over both instances', async () => {
        const [a, b] = [[] as number[], [] as number[]];
        const one = await scope.app({ imports: [OrdersModule] }, (x) => x.withOptions({ name: 'orders' }).overrideProvider(TICKS).useValue(a));
        const two = await scope.app({ imports: [OrdersModule] }, (x) => x.withOptions({ name: 'orders' }).overrideProvider(TICKS).useValue(b));
        for (let n = 0; n < 20; n++) await one.publish('orders.tick', { n });
        await waitUntil(() => a.length + b.length >= 20, { what: '20 handled events' });
        await two.settle();
        assert.deepEqual([...a, ...b].sort((x, y) => x - y), Array.from({ length: 20 }, (_, i) => i));
        assert.ok(a.length > 0 && b.length > 0, `one instance did all the work: ${a.length}/${b.length}`);
      });
    });

    describe('when a controller names its queue group and two services with different names run it', () => {
      it('should handle each event once, spread over both, and let a handler option override the group', async () => {
        const [a, b] = [[] as number[], [] as number[]];
        const one = await scope.app({ imports: [PoolModule] }, (x) => x.withOptions({ name: 'alpha' }).overrideProvider(TICKS).useValue(a));
        const two = await scope.app({ imports: [PoolModule] }, (x) => x.withOptions({ name: 'beta' }).overrideProvider(TICKS).useValue(b));
        assert.deepEqual([one, two].map((app) => app.app.stats().find((s) => s.subject === 'pool.job')!.queue), ['pool-workers', 'pool-workers']);
        for (let n = 1; n <= 20; n++) one.client.publish('pool.job', { n });
        one.client.publish('pool.notice', { n: 1 });
        await waitUntil(() => a.length + b.length >= 22, { what: '20 jobs and a notice to each service' });
        await one.settle();
        await two.settle();
        const jobs = [...a, ...b].filter((n) => n > 0).sort((x, y) => x - y);
        assert.deepEqual(jobs, Array.from({ length: 20 }, (_, i) => i + 1), 'a job was handled twice or not at all');
        assert.ok(a.some((n) => n > 0) && b.some((n) => n > 0), `one service did all the jobs: ${a.length}/${b.length}`);
        assert.deepEqual([a.filter((n) => n < 0), b.filter((n) => n < 0)], [[-1], [-1]]);
      });
    });

    describe('when one service calls another', () => {
      it('should carry the request and the reply between them', async () => {
        await scope.app({ imports: [OrdersModule] }, (x) => x.withOptions({ name: 'orders' }));
        const front = await scope.app({ controllers: [FrontController] }, (x) => x.withOptions({ name: 'front' }));
        assert.deepEqual(await front.request('front.order', { sku: 'zz' }), { id: 'o-zz', sku: 'zz', qty: 1 });
      });
    });
  });
}
