import { startNatsServer } from '../../src/testing/nats-server.js';
import { extensionCases } from './extension-cases.js';

extensionCases('NATS', async () => {
  const nats = await startNatsServer();
  return { options: { servers: nats.url }, dispose: () => nats.dispose() };
});
