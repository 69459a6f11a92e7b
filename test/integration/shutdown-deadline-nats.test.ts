import { after, before, describe } from 'node:test';
import { NatsTransport } from '../../src/index.js';
import { startNatsServer, type NatsServerHandle } from '../../src/testing/nats-server.js';
import { shutdownDeadlineCases } from './shutdown-deadline-cases.js';

describe('shutdown deadline on a real nats-server', () => {
  let nats: NatsServerHandle;
  before(async () => { nats = await startNatsServer(); });
  after(() => nats?.dispose());
  shutdownDeadlineCases(() => ({
    use: (b) => b.useTransport({ servers: nats.url }),
    connect: async () => { const t = new NatsTransport('deadline-caller', { servers: nats.url }); await t.connect(); return t; },
  }));
});
