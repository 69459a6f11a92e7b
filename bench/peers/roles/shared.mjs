// What the peer roles share with the harness: compiled from the project's bench/ (run `npm run build` first).
export { HitCounter } from '../../../dist/bench/workers/hit-counter.js';
export { ORDER, QUEUE, orderEvent, subjectOf } from '../../../dist/bench/fixtures/order.payload.js';
export { parallelLoop, publishLoop, serialLoop } from '../../../dist/bench/workers/client-loops.js';

/** Lets promises queued by a publish loop run (the peers' publish is asynchronous), then flushes. */
export const settleThen = (flush) => async () => {
  await new Promise((resolve) => setImmediate(resolve));
  await flush();
};
