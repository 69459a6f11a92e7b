import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { IsInt, IsString, Min } from 'class-validator';
import { Controller, Module, PaniniFactory, Payload, ServiceError, Subject, type PaniniApplication } from '../../src/index.js';
import { startNatsServer, type NatsServerHandle } from '../../src/testing/nats-server.js';
import { assertShape, collect } from './micro-support.js';

class CreateOrderDto {
  @IsString() sku!: string;
  @IsInt() @Min(1) qty!: number;
}

@Controller('orders')
class OrdersController {
  @Subject('create') create(@Payload() dto: CreateOrderDto) { return { sku: dto.sku, qty: dto.qty }; }
  @Subject('reject', { endpoint: 'reject-order' }) reject() { throw new ServiceError(409, 'already exists'); }
  @Subject('crash') crash() { throw new Error('secret internals'); }
  @Subject('slow') async slow() {
    // takes at least 50 ms by the same clock the pipeline measures with
    const t0 = performance.now();
    while (performance.now() - t0 < 50) await new Promise((r) => setTimeout(r, 50 - (performance.now() - t0)));
    return 'done';
  }
  @Subject('audit.>', { reply: false }) audit() { /* observe-only: not an endpoint */ }
}
@Module({ controllers: [OrdersController] })
class OrdersModule {}

@Controller('billing')
class BillingController { @Subject('pay') pay() { return 'paid'; } }
@Module({ controllers: [BillingController] })
class BillingModule {}

const IDENTITY = { type: 'string', name: 'string', id: 'string', version: 'string', metadata: 'object' } as const;

describe('the $SRV service API over NATS', () => {
  let nats: NatsServerHandle;
  let nc: NatsConnection;
  const apps: PaniniApplication[] = [];
  const ids: string[] = [];

  before(async () => {
    nats = await startNatsServer();
    for (let i = 0; i < 2; i++) {
      const app = await PaniniFactory.create(OrdersModule, {
        name: 'orders', servers: nats.url, logging: { silent: true }, handleSignals: false,
        micro: { version: '1.2.3', description: 'takes orders', metadata: { team: 'shop' } },
      });
      await app.start();
      apps.push(app);
    }
    const billing = await PaniniFactory.create(BillingModule, { name: 'billing', servers: nats.url, logging: { silent: true }, handleSignals: false });
    await billing.start();
    apps.push(billing);
    nc = await connect({ servers: nats.url });
    for (const r of await collect(nc, '$SRV.PING.orders')) ids.push(String(r['id']));
  });
  after(async () => {
    await nc?.close();
    for (const app of apps) await app.close();
    await nats?.dispose();
  });

  describe('when PING is sent to all, to a name and to an instance', () => {
    it('should answer from every instance with the ADR-32 ping_response fields', async () => {
      const all = await collect(nc, '$SRV.PING');
      assert.equal(all.length, 3);
      assert.deepEqual(all.map((r) => r['name']).sort(), ['billing', 'orders', 'orders']);
      const named = await collect(nc, '$SRV.PING.orders');
      assert.equal(named.length, 2);
      assert.equal(new Set(ids).size, 2, 'each instance has its own id');
      for (const r of named) {
        assertShape(r, IDENTITY, 'ping_response');
        assert.equal(r['type'], 'io.nats.micro.v1.ping_response');
        assert.equal(r['version'], '1.2.3');
        assert.deepEqual(r['metadata'], { team: 'shop' });
      }
      const one = (await nc.request(`$SRV.PING.orders.${ids[1]}`, '', { timeout: 2000 })).json<Record<string, unknown>>();
      assert.equal(one['id'], ids[1]);
    });
  });

  describe('when INFO is asked', () => {
    it('should list the request endpoints with subject, queue group and DTO schema on all nine subjects', async () => {
      const answers = [...await collect(nc, '$SRV.INFO'), ...await collect(nc, '$SRV.INFO.orders')];
      answers.push((await nc.request(`$SRV.INFO.orders.${ids[0]}`, '', { timeout: 2000 })).json());
      assert.equal(answers.length, 3 + 2 + 1);
      const info = answers.filter((a) => a['name'] === 'orders');
      assert.equal(info.length, 5);
      for (const r of info) {
        assertShape(r, { ...IDENTITY, description: 'string', endpoints: 'array' }, 'info_response');
        assert.equal(r['type'], 'io.nats.micro.v1.info_response');
        assert.equal(r['description'], 'takes orders');
        const eps = r['endpoints'] as Array<Record<string, unknown>>;
        for (const e of eps) assertShape(e, { name: 'string', subject: 'string', queue_group: 'string', metadata: 'object' }, 'endpoint');
        assert.deepEqual(eps.map((e) => [e['name'], e['subject'], e['queue_group']]), [
          ['orders-create', 'orders.create', 'orders'],
          ['reject-order', 'orders.reject', 'orders'],
          ['orders-crash', 'orders.crash', 'orders'],
          ['orders-slow', 'orders.slow', 'orders'],
        ]);
        const schema = JSON.parse(String((eps[0]!['metadata'] as Record<string, string>)['request_schema'])) as { properties: Record<string, { type: string }>; required: string[] };
        assert.equal(schema.properties['sku']?.type, 'string');
        assert.equal(schema.properties['qty']?.type, 'integer');
        assert.deepEqual(eps[1]!['metadata'], {}, 'no DTO, no schema');
      }
    });
  });

  describe('when a known mix of requests was answered', () => {
    it('should report exact counts, the last error and processing times in ns on STATS', async () => {
      const ask = (subject: string, body: unknown) => nc.request(subject, JSON.stringify(body), { timeout: 3000 });
      for (let i = 0; i < 5; i++) await ask('orders.create', { sku: 'apple', qty: i + 1 });
      for (let i = 0; i < 3; i++) await ask('orders.create', { sku: 7, qty: 0 });
      for (let i = 0; i < 2; i++) await ask('orders.reject', {});
      await ask('orders.crash', {});
      for (let i = 0; i < 4; i++) await ask('orders.slow', {});

      const named = await collect(nc, '$SRV.STATS.orders');
      const all = (await collect(nc, '$SRV.STATS')).filter((r) => r['name'] === 'orders');
      const direct = [];
      for (const id of ids) direct.push((await nc.request(`$SRV.STATS.orders.${id}`, '', { timeout: 2000 })).json<Record<string, unknown>>());
      for (const set of [named, all, direct]) {
        assert.equal(set.length, 2);
        const sum = new Map<string, { requests: number; errors: number; lastErrors: string[] }>();
        for (const r of set) {
          assertShape(r, { ...IDENTITY, started: 'rfc3339', endpoints: 'array' }, 'stats_response');
          assert.equal(r['type'], 'io.nats.micro.v1.stats_response');
          for (const e of r['endpoints'] as Array<Record<string, unknown>>) {
            assertShape(e, { name: 'string', subject: 'string', queue_group: 'string', num_requests: 'integer', num_errors: 'integer', last_error: 'string', processing_time: 'integer', average_processing_time: 'integer' }, 'stats endpoint');
            const s = sum.get(String(e['name'])) ?? { requests: 0, errors: 0, lastErrors: [] };
            s.requests += e['num_requests'] as number;
            s.errors += e['num_errors'] as number;
            if (e['last_error'] !== '') s.lastErrors.push(String(e['last_error']));
            sum.set(String(e['name']), s);
            if (e['name'] === 'orders-slow' && (e['num_requests'] as number) > 0) {
              assert.ok((e['average_processing_time'] as number) >= 50_000_000, `average ${e['average_processing_time']} ns`);
              assert.ok((e['processing_time'] as number) >= 50_000_000 * (e['num_requests'] as number));
            }
          }
        }
        assert.deepEqual(Object.fromEntries([...sum].map(([k, v]) => [k, [v.requests, v.errors]])), {
          'orders-create': [8, 3], 'reject-order': [2, 2], 'orders-crash': [1, 1], 'orders-slow': [4, 0],
        });
        assert.ok(sum.get('orders-create')!.lastErrors.every((l) => l.startsWith('400:')), 'validation failures are errors');
        assert.deepEqual([...new Set(sum.get('reject-order')!.lastErrors)], ['409:already exists']);
        assert.deepEqual(sum.get('orders-crash')!.lastErrors, ['500:internal error']);
        assert.deepEqual(sum.get('orders-slow')!.lastErrors, []);
      }
    });
  });
});
