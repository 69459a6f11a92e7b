import { after, before, describe } from 'node:test';
import { NatsTransport } from '../../src/index.js';
import { startNatsServer, type NatsServerHandle } from '../../src/testing/nats-server.js';
import { backlogCases } from './backlog-cases.js';

describe('backlog limits on a real nats-server', () => {
  let nats: NatsServerHandle;
  before(async () => { nats = await startNatsServer(); });
  after(() => nats?.dispose());
  backlogCases(() => ({
    use: (b) => b.useTransport({ servers: nats.url }),
    connect: async () => { const t = new NatsTransport('backlog-sender', { servers: nats.url }); await t.connect(); return t; },
  }));
});
