import { isDeepStrictEqual } from 'node:util';
import type { PaniniApplication } from '../../src/index.js';
import type { LogLine } from '../support/recording-logger.js';
import { renderBody, isCleanHeaders, type HeaderSpec, type HostileMessage, type UpstreamReply } from './hostile-arbitraries.js';
import { isValidTick, judgeReply, type SeenReply } from './hostile-oracle.js';
import { NOTE_HANDLER, TICK_HANDLER } from './hostile-fixture.js';

/** Milliseconds a request may take before its silence counts as a fault. */
export const REQUEST_DEADLINE = 2000;

/** One broker the hostile property runs on: a private nats-server, or the memory broker. */
export interface HostileTarget {
  /** The app under test, as of the last `reset`. */
  readonly app: PaniniApplication;
  /** Every line the app logged since the last `reset`. */
  readonly lines: LogLine[];
  /** Dead letters received on `fz.dead` since the last `reset`. */
  readonly deadLetters: SeenReply[];
  /** Sends a request; resolves with the answer, or 'silence' after `timeout` ms. */
  request(subject: string, headers: HeaderSpec | undefined, data: Uint8Array, timeout: number): Promise<SeenReply | 'silence' | 'no-responders'>;
  publish(subject: string, headers: HeaderSpec | undefined, data: Uint8Array): void;
  /** Resolves once everything sent so far has reached the broker. */
  flush(): Promise<void>;
  /** How the test upstream answers `fz.relay`'s requests (looked up by the request's body). */
  answerUpstream(answer: (data: Uint8Array) => UpstreamReply | undefined): void;
  /** Replaces the app by a fresh one (after a failed case, so the next case starts healthy). */
  reset(): Promise<void>;
}

const faults: unknown[] = [];
const onFault = (err: unknown): void => { faults.push(err); };

type Listener = (...args: unknown[]) => void;
const EVENTS: Array<'unhandledRejection' | 'uncaughtException'> = ['unhandledRejection', 'uncaughtException'];

/**
 * Takes over 'unhandledRejection' and 'uncaughtException' while the property runs, so a fault
 * fails the case that caused it (and is shrunk with it) instead of the test runner failing
 * whichever test is current and leaving the property running. Call the returned function to
 * hand them back.
 */
export function watchProcess(): () => void {
  const saved = EVENTS.map((e) => [e, process.listeners(e as 'unhandledRejection') as Listener[]] as const);
  for (const e of EVENTS) { process.removeAllListeners(e); process.on(e as 'unhandledRejection', onFault); }
  return () => {
    for (const [e, listeners] of saved) {
      process.off(e as 'unhandledRejection', onFault);
      for (const l of listeners) process.on(e as 'unhandledRejection', l);
    }
  };
}

const dec = new TextDecoder();
const brief = (m: HostileMessage): string => {
  const h = m.headers === undefined ? 'no headers' : `${isCleanHeaders(m.headers) ? 'clean' : 'malformed'} headers`;
  const body = 'deep' in m.body ? `${m.body.shape} nested ${m.body.deep} deep` : dec.decode(renderBody(m.body)).slice(0, 60);
  return `#${m.id} ${m.kind} '${m.subject}' (${h}) ${JSON.stringify(body)}`;
};

async function until(check: () => boolean, timeout: number): Promise<boolean> {
  const deadline = Date.now() + timeout;
  while (!check()) {
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return true;
}

const statsOf = (app: PaniniApplication, handler: string) => {
  const s = app.stats().find((x) => x.handler === handler);
  if (!s) throw new Error(`no handler ${handler} in app.stats()`);
  return { received: s.received, handled: s.handled, failedEvents: s.failedEvents, busy: s.inFlight + s.waiting };
};
const warnsOf = (lines: LogLine[], handler: string): number =>
  lines.filter((l) => l.level === 'warn' && (l.meta as { handler?: string } | undefined)?.handler === handler).length;

let dirty = false;

/**
 * Sends one batch at the target and checks every rule of the hostile-input property: each
 * request answered in time with the right class of code, each failed event logged, counted and
 * dead-lettered, the service healthy and ready afterwards, and the process free of unhandled
 * rejections and uncaught exceptions. Throws one error listing every broken rule.
 */
export async function runHostileCase(target: HostileTarget, batch: HostileMessage[]): Promise<void> {
  if (dirty) await target.reset();
  dirty = true;
  faults.length = 0;
  const problems: string[] = [];
  const app = target.app;
  const events = batch.filter((m) => m.kind === 'event');
  const handlers = [TICK_HANDLER, NOTE_HANDLER];
  const before = new Map(handlers.map((h) => [h, { ...statsOf(app, h), warns: warnsOf(target.lines, h) }]));
  const deadBefore = target.deadLetters.length;
  const upstream = new Map(batch.filter((m) => m.upstream).map((m) => [m.id, m.upstream!]));
  target.answerUpstream((data) => {
    try { return upstream.get((JSON.parse(dec.decode(data)) as { relay: number }).relay); } catch { return undefined; }
  });

  const replies = batch.map((m) => {
    const data = renderBody(m.body);
    if (m.kind === 'event') { target.publish(m.subject, m.headers, data); return undefined; }
    return target.request(m.subject, m.headers, data, REQUEST_DEADLINE).then((r) => [m, r] as const);
  });
  for (const pending of replies) {
    if (!pending) continue;
    const [m, reply] = await pending;
    const wrong = judgeReply(m, reply, REQUEST_DEADLINE);
    if (wrong) problems.push(`${brief(m)}: ${wrong}`);
  }

  await target.flush();
  for (const h of handlers) {
    const route = h === TICK_HANDLER ? 'tick' : 'note';
    const sent = events.filter((m) => m.route === route);
    const invalid = sent.filter((m) => !isValidTick(m));
    const b = before.get(h)!;
    const settled = await until(() => { const s = statsOf(app, h); return s.received - b.received >= sent.length && s.busy === 0; }, REQUEST_DEADLINE);
    const s = statsOf(app, h);
    const got = { received: s.received - b.received, handled: s.handled - b.handled, failed: s.failedEvents - b.failedEvents };
    if (!settled) problems.push(`${h}: ${got.received} of ${sent.length} events reached the handler within ${REQUEST_DEADLINE} ms (silently dropped?)`);
    if (got.handled + got.failed !== got.received) problems.push(`${h}: ${got.received} events received but ${got.handled} handled + ${got.failed} failed`);
    // malformed headers may or may not fail an event; an invalid body always must
    const mayFail = sent.filter((m) => isValidTick(m) && !isCleanHeaders(m.headers)).length;
    if (got.failed < invalid.length || got.failed > invalid.length + mayFail) {
      problems.push(`${h}: failedEvents grew by ${got.failed}, expected ${invalid.length}${mayFail ? `..${invalid.length + mayFail}` : ''} (invalid: ${invalid.map((m) => `#${m.id}`).join(', ') || 'none'})`);
    }
    const warns = warnsOf(target.lines, h) - b.warns;
    if (warns !== got.failed) problems.push(`${h}: ${got.failed} failed events but ${warns} warning lines`);
    if (h === TICK_HANDLER) {
      await until(() => target.deadLetters.length - deadBefore >= got.failed, REQUEST_DEADLINE);
      const dead = target.deadLetters.slice(deadBefore);
      if (dead.length !== got.failed) problems.push(`${h}: ${got.failed} failed events but ${dead.length} dead letters on fz.dead`);
      const bad = dead.filter((d) => !/^4\d\d$/.test(d.errorCode ?? ''));
      if (bad.length) problems.push(`${h}: dead letters with error codes ${bad.map((d) => d.errorCode).join(', ')} (expected 4xx)`);
    }
  }

  const health = await target.request('fz.health', undefined, new Uint8Array(0), REQUEST_DEADLINE);
  if (health === 'silence' || health === 'no-responders' || health.errorCode !== undefined || !isDeepStrictEqual(JSON.parse(dec.decode(health.data) || 'null'), { ok: true })) {
    problems.push(`health request after the batch: ${typeof health === 'string' ? health : health.errorCode ? `error ${health.errorCode}` : dec.decode(health.data)}`);
  }
  // the app's own client: its reply inbox must still hear answers
  const own = await app.client.request('fz.health', undefined, { timeout: REQUEST_DEADLINE }).then((v) => v, (e: Error) => e);
  if (!isDeepStrictEqual(own, { ok: true })) problems.push(`health request from the app's own client: ${own instanceof Error ? `${own.name}: ${own.message}` : JSON.stringify(own)}`);
  const ready = app.status.readiness();
  if (!ready.ready) problems.push(`not ready after the batch: ${JSON.stringify(ready)}`);
  for (const f of faults) problems.push(`process fault: ${f instanceof Error ? `${f.name}: ${f.message}` : String(f)}`);

  if (problems.length) throw new Error(`${problems.length} broken rule(s):\n  ${problems.join('\n  ')}`);
  dirty = false;
}
