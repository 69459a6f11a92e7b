// Moleculer with its NATS transporter, written as its docs show: a service with an action and a
// balanced event handler; the caller's broker uses call() and emit() (one instance per service
// group gets each event, as a queue group). Moleculer picks the node, then sends to it over NATS.
import { ServiceBroker } from 'moleculer';
import { HitCounter, ORDER, orderEvent, parallelLoop, publishLoop, serialLoop, settleThen } from './shared.mjs';

const SERVICE = 'bench';
const actionOf = (prefix) => `${prefix}-${SERVICE}.request`;
const eventOf = (prefix) => `${prefix}.events`;

export function moleculerService() {
  const hits = new HitCounter();
  let broker;
  return {
    async setup({ url, prefix }) {
      broker = new ServiceBroker({ nodeID: `service-${process.pid}`, transporter: url, logger: false });
      broker.createService({
        name: `${prefix}-${SERVICE}`,
        actions: { request(ctx) { hits.hit(); return { ok: true, id: ctx.params.id }; } },
        events: { [eventOf(prefix)](ctx) { if (ctx.params.seq >= 0) hits.hit(); } },
      });
      await broker.start();
    },
    arm({ count }) { hits.arm(count ?? Number.POSITIVE_INFINITY); },
    wait() { return hits.wait(); },
    snapshot() { return hits.snapshot(); },
    async close() { await broker?.stop(); },
  };
}

export function moleculerClient() {
  let broker;
  let prefix;
  const request = async () => {
    const ack = await broker.call(actionOf(prefix), ORDER);
    if (ack.ok !== true) throw new Error(`unexpected reply ${JSON.stringify(ack)}`);
  };
  return {
    async setup({ url, prefix: p }) {
      prefix = p;
      broker = new ServiceBroker({ nodeID: `client-${process.pid}`, transporter: url, logger: false });
      await broker.start();
      await broker.waitForServices([`${prefix}-${SERVICE}`], 20_000);
    },
    // the harness names subjects; Moleculer routes by action and event names instead
    publish({ count, batch }) {
      const lost = (err) => { throw err; };
      return publishLoop(count, (seq) => { broker.emit(eventOf(prefix), orderEvent(seq)).catch(lost); }, settleThen(() => broker.transit.tx.client.flush()), batch);
    },
    serial({ count }) { return serialLoop(count, request); },
    parallel({ count, inFlight }) { return parallelLoop(count, inFlight ?? 64, request); },
    async close() { await broker?.stop(); },
  };
}
