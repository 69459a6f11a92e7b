import { cpuSinceUs, nowUs, percentile } from './clock.js';

/**
 * The sending loops, written once and driven by either client, so the raw and the Panini runs
 * differ only in the one call that sends.
 */
export interface PublishResult { startUs: number; flushedUs: number; cpuUs: number }
export interface SerialResult { p50Us: number; p99Us: number; meanUs: number; wallUs: number; cpuUs: number }
export interface ParallelResult { wallUs: number; cpuUs: number }

/** `batch`: publish in batches of this many with a `setImmediate` between them (absent: one loop). */
export interface SendArgs { count: number; subject: string; inFlight?: number; batch?: number }

const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * Publishes `count` events, then waits for the server to have them all (flush). With `batch`, the
 * loop yields to the event loop after every `batch` events, as a service publishing from its own
 * handlers and timers does, so the connection writes while the sender is still producing.
 */
export async function publishLoop(count: number, publish: (seq: number) => void, flush: () => Promise<void>, batch?: number): Promise<PublishResult> {
  const cpu0 = process.cpuUsage();
  const startUs = nowUs();
  if (batch === undefined) {
    for (let i = 0; i < count; i++) publish(i);
  } else {
    for (let i = 0; i < count;) {
      const end = Math.min(count, i + batch);
      for (; i < end; i++) publish(i);
      await nextTurn();
    }
  }
  await flush();
  return { startUs, flushedUs: nowUs(), cpuUs: cpuSinceUs(cpu0) };
}

/** One request at a time; latency of each. */
export async function serialLoop(count: number, request: () => Promise<void>): Promise<SerialResult> {
  const lat = new Float64Array(count);
  const cpu0 = process.cpuUsage();
  const start = nowUs();
  for (let i = 0; i < count; i++) {
    const t = nowUs();
    await request();
    lat[i] = nowUs() - t;
  }
  const wallUs = nowUs() - start;
  const cpuUs = cpuSinceUs(cpu0);
  lat.sort();
  let sum = 0;
  for (const v of lat) sum += v;
  return { p50Us: percentile(lat, 50), p99Us: percentile(lat, 99), meanUs: sum / count, wallUs, cpuUs };
}

/** Keeps `inFlight` requests outstanding until `count` have been answered. */
export async function parallelLoop(count: number, inFlight: number, request: () => Promise<void>): Promise<ParallelResult> {
  let issued = 0;
  const lane = async (): Promise<void> => {
    while (issued < count) {
      issued++;
      await request();
    }
  };
  const cpu0 = process.cpuUsage();
  const start = nowUs();
  await Promise.all(Array.from({ length: Math.min(inFlight, count) }, lane));
  return { wallUs: nowUs() - start, cpuUs: cpuSinceUs(cpu0) };
}
