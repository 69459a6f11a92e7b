import { Module, NatsClient, PaniniFactory, type PaniniApplication } from '../../../src/index.js';
import { Body, HttpController, HttpModule, HttpServer, Post } from '../../../src/http/index.js';
import type { Role, SetupArgs } from '../../harness/ipc.js';
import { subjectOf, type OrderAck, type OrderBody } from '../../fixtures/order.payload.js';
import { HitCounter } from '../hit-counter.js';

/** Scenario 6 on Panini: an `@HttpController` route that asks a NATS service through `NatsClient`. */
export function paniniGateway(): Role {
  let app: PaniniApplication | undefined;
  const hits = new HitCounter();
  return {
    async setup({ url, prefix }: SetupArgs) {
      const subject = subjectOf(prefix, 'request');

      @HttpController('/orders')
      class OrdersHttpController {
        constructor(private readonly nats: NatsClient) {}

        @Post()
        async create(@Body() order: OrderBody): Promise<OrderAck> {
          const ack = await this.nats.request<OrderAck>(subject, order);
          hits.hit();
          return ack;
        }
      }

      @Module({ imports: [HttpModule.forRoot({ port: 0, host: '127.0.0.1' })], controllers: [OrdersHttpController] })
      class GatewayModule {}

      app = await PaniniFactory.create(GatewayModule, { name: 'bench-gateway', servers: url, logging: { silent: true }, handleSignals: false });
      await app.start();
    },
    address() {
      return `${app!.get(HttpServer).url}/orders`;
    },
    arm() { hits.arm(Number.POSITIVE_INFINITY); },
    snapshot() { return hits.snapshot(); },
    async close() {
      await app?.close();
    },
  };
}
