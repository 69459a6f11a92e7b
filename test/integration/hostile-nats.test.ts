import 'reflect-metadata';
import { after, before, describe } from 'node:test';
import { startNatsServer, type NatsServerHandle } from '../../src/testing/index.js';
import { hostileCases } from '../pipeline/hostile-cases.js';

describe('hostile input on NATS', () => {
  let nats: NatsServerHandle;
  before(async () => { nats = await startNatsServer(); });
  after(() => nats.dispose());
  hostileCases({ transport: () => ({ servers: nats.url, reconnectTimeWait: 50 }) });
});
