import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { PaniniFactory, RemoteError, type DynamicModule, type PaniniApplication, type PaniniOptions } from '../../src/index.js';
import { HttpModule, HttpServer } from '../../src/http/index.js';
import { MetricsModule, MetricsServer } from '../../src/metrics/index.js';
import { waitFor } from '../support/wait-for.js';
import { find, parseExposition, value, type Sample } from './exposition.js';
import { OrdersModule } from './metrics-fixtures.js';

/** Where the app's NATS traffic goes: a memory broker or a private nats-server, made fresh per app. */
export interface MetricsTarget {
  name: string;
  options(): Promise<PaniniOptions>;
  dispose(): Promise<void>;
}

const SERVED = [
  { how: 'on the HTTP module', imports: () => [HttpModule.forRoot({ port: 0, host: '127.0.0.1' }), MetricsModule.forRoot()], url: (app: PaniniApplication) => app.get(HttpServer).url },
  { how: 'on its own listener', imports: () => [MetricsModule.forRoot({ listen: { port: 0 } })], url: (app: PaniniApplication) => app.get(MetricsServer).url },
];

const PROCESS = 'messaging_process_duration_seconds';
const nats = { messaging_system: 'nats' };

/**
 * A known workload (3 requests answered, 2 failed with 404, 4 events), then one scrape whose
 * counters and histogram counts must match it exactly.
 */
export function metricsCases(target: MetricsTarget): void {
  for (const served of SERVED) {
    describe(`MetricsModule on ${target.name}, served ${served.how}`, () => {
      let app: PaniniApplication;
      let samples: Sample[];

      before(async () => {
        const root: DynamicModule = { module: class MetricsRootModule {}, imports: [...served.imports(), OrdersModule] };
        app = await PaniniFactory.create(root, { name: 'metrics-test', logging: { silent: true }, handleSignals: false, ...(await target.options()) });
        await app.start();
        for (const id of ['1', '2', '3']) await app.client.request(`orders.${id}.get`, {});
        for (const id of ['8', '9']) await assert.rejects(app.client.request(`orders.${id}.fail`, {}), (e) => RemoteError.is(e) && e.code === 404);
        for (let i = 0; i < 4; i++) app.client.publish('orders.created', { i });
        await waitFor(() => app.stats().find((s) => s.pattern === 'orders.created')!.handled === 4, 'the 4 events handled');
        const res = await fetch(`${served.url(app)}/metrics`);
        assert.equal(res.status, 200);
        assert.match(res.headers.get('content-type') ?? '', /^text\/plain; version=0\.0\.4/);
        samples = parseExposition(await res.text());
      });
      after(async () => {
        await app?.close();
        await target.dispose();
      });

      describe('when handlers ran', () => {
        it('should count each handled message in the process histogram, labelled with the subject template and queue group', () => {
          const ok = { ...nats, messaging_operation_name: 'process', messaging_consumer_group_name: 'order-workers', error_type: '' };
          assert.equal(value(samples, `${PROCESS}_count`, { ...ok, messaging_destination_name: 'orders.{id}.get' }), 3);
          assert.equal(value(samples, `${PROCESS}_count`, { ...ok, messaging_destination_name: 'orders.created' }), 4);
          assert.equal(value(samples, `${PROCESS}_bucket`, { ...ok, messaging_destination_name: 'orders.{id}.get', le: '+Inf' }), 3);
        });

        it('should label failures with their error code, and count no success for them', () => {
          const where = { messaging_destination_name: 'orders.{id}.fail' };
          assert.equal(value(samples, `${PROCESS}_count`, { ...where, error_type: '404' }), 2);
          assert.equal(value(samples, `${PROCESS}_bucket`, { ...where, error_type: '404', le: '+Inf' }), 2);
          assert.equal(value(samples, `${PROCESS}_count`, { ...where, error_type: '' }), 0);
        });

        it('should keep the buckets cumulative and the sum positive', () => {
          const where = { messaging_destination_name: 'orders.{id}.get', error_type: '' };
          const buckets = find(samples, `${PROCESS}_bucket`, where);
          assert.equal(buckets.length, 15, '14 default bounds and +Inf');
          assert.ok(buckets.every((b, i) => i === 0 || b.value >= buckets[i - 1]!.value));
          assert.ok(value(samples, `${PROCESS}_sum`, where) > 0);
        });

        it('should never use the subject a message came on as a label', () => {
          const raw = samples.filter((s) => /^orders\.\d\.(get|fail)$/.test(s.labels['messaging_destination_name'] ?? '') && !s.name.startsWith('messaging_client_'));
          assert.deepEqual(raw, []);
        });

        it('should count the messages delivered to each handler, and none in flight or waiting', () => {
          const get = { ...nats, messaging_destination_name: 'orders.{id}.get', messaging_consumer_group_name: 'order-workers' };
          assert.equal(value(samples, 'messaging_client_consumed_messages_total', get), 3);
          assert.equal(value(samples, 'messaging_client_consumed_messages_total', { messaging_destination_name: 'orders.created' }), 4);
          assert.equal(value(samples, 'panini_messages_in_flight', get), 0);
          assert.equal(value(samples, 'panini_messages_waiting', get), 0);
          assert.equal(value(samples, 'panini_messages_shed_total', get), 0);
        });
      });

      describe('when the app sent with NatsClient', () => {
        it('should count publishes and requests by the subject passed', () => {
          assert.equal(value(samples, 'messaging_client_sent_messages_total', { ...nats, messaging_destination_name: 'orders.created', messaging_operation_name: 'publish' }), 4);
          assert.equal(value(samples, 'messaging_client_sent_messages_total', { messaging_destination_name: 'orders.2.get', messaging_operation_name: 'request' }), 1);
          const requests = find(samples, 'messaging_client_sent_messages_total', { messaging_operation_name: 'request' });
          assert.equal(requests.reduce((n, s) => n + s.value, 0), 5);
        });

        it('should time each request, with the error code of a failed one', () => {
          const name = 'messaging_client_operation_duration_seconds_count';
          assert.equal(value(samples, name, { messaging_destination_name: 'orders.1.get', messaging_operation_name: 'request', error_type: '' }), 1);
          assert.equal(value(samples, name, { messaging_destination_name: 'orders.9.fail', error_type: '404' }), 1);
        });
      });

      describe('when the app is connected', () => {
        it('should show the connection up, the process metrics and the app\'s own metrics', () => {
          assert.equal(value(samples, 'panini_nats_connection_up'), 1);
          assert.equal(value(samples, 'panini_nats_reconnects_total'), 0);
          assert.ok(find(samples, 'process_cpu_user_seconds_total').length === 1, 'default process metrics');
          assert.equal(value(samples, 'orders_created_total'), 4);
        });
      });
    });
  }
}
