import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import type { Role, SetupArgs } from '../../harness/ipc.js';
import { subjectOf, type OrderAck } from '../../fixtures/order.payload.js';
import { HitCounter } from '../hit-counter.js';

/**
 * Baseline of scenario 6, written the obvious way: Express 5 with `express.json()` and one async
 * route that asks a NATS service with the raw client's `request()` and answers its JSON.
 */
export function expressGateway(): Role {
  let nc: NatsConnection | undefined;
  let server: Server | undefined;
  const hits = new HitCounter();
  return {
    async setup({ url, prefix }: SetupArgs) {
      const c = (nc = await connect({ servers: url, name: 'bench-express-gateway' }));
      const subject = subjectOf(prefix, 'request');
      const app = express();
      app.use(express.json());
      app.post('/orders', async (req, res) => {
        const m = await c.request(subject, JSON.stringify(req.body), { timeout: 5000 });
        res.json(m.json<OrderAck>());
        hits.hit();
      });
      server = await new Promise<Server>((resolve) => { const s = app.listen(0, '127.0.0.1', () => resolve(s)); });
    },
    address() {
      const a = server!.address() as AddressInfo;
      return `http://127.0.0.1:${a.port}/orders`;
    },
    arm() { hits.arm(Number.POSITIVE_INFINITY); },
    snapshot() { return hits.snapshot(); },
    async close() {
      const s = server;
      if (s) {
        s.closeAllConnections();
        await new Promise<void>((resolve) => s.close(() => resolve()));
      }
      await nc?.drain();
    },
  };
}
