import { NatsClient, PaniniFactory, type PaniniApplication } from '../../../src/index.js';
import type { Role, SetupArgs } from '../../harness/ipc.js';
import { ORDER, orderEvent, type OrderAck } from '../../fixtures/order.payload.js';
import { parallelLoop, publishLoop, serialLoop, type SendArgs } from '../client-loops.js';
import { ClientOnlyModule } from '../panini-bench.module.js';

/** The Panini sender: the `NatsClient` a service injects, in an app with default options. */
export function paniniClient(): Role {
  let app: PaniniApplication | undefined;
  let client: NatsClient | undefined;
  const nats = (): NatsClient => {
    if (!client) throw new Error('setup first');
    return client;
  };
  const request = (subject: string) => async (): Promise<void> => {
    const ack = await nats().request<OrderAck>(subject, ORDER);
    if (ack.ok !== true) throw new Error(`unexpected reply ${JSON.stringify(ack)}`);
  };
  return {
    async setup({ url }: SetupArgs) {
      app = await PaniniFactory.create(ClientOnlyModule, { name: 'bench-client', servers: url, logging: { silent: true }, handleSignals: false });
      await app.start();
      client = app.get(NatsClient);
    },
    publish({ count, subject, batch }: SendArgs) {
      const c = nats();
      return publishLoop(count, (seq) => c.publish(subject, orderEvent(seq)), () => c.flush(), batch);
    },
    serial({ count, subject }: SendArgs) {
      return serialLoop(count, request(subject));
    },
    parallel({ count, subject, inFlight }: SendArgs) {
      return parallelLoop(count, inFlight ?? 64, request(subject));
    },
    async close() {
      await app?.close();
    },
  };
}
