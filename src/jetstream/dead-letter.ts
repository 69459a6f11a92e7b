import type { HeaderRecord, Transport } from '../index.js';
import type { JetStreamBackend, JetStreamMessage } from './backend.js';

/**
 * Headers of a dead letter. The body is the original message's, unchanged; its own headers are
 * kept, except the `Nats-Msg-Id` and `Nats-Expected-*` ones that would make the stream refuse it.
 */
export const DEAD_LETTER_HEADERS = {
  /** The subject the message was published to. */
  subject: 'Panini-Dead-Letter-Subject',
  stream: 'Panini-Dead-Letter-Stream',
  /** The message's sequence in its stream. */
  streamSequence: 'Panini-Dead-Letter-Stream-Sequence',
  consumer: 'Panini-Dead-Letter-Consumer',
  /** Deliveries made, the last included. */
  deliveryCount: 'Panini-Dead-Letter-Delivery-Count',
  /** The last error's message. */
  error: 'Panini-Dead-Letter-Error',
  /** The last error's code (400-599): 4xx was refused at once, 5xx failed `maxDeliver` times. */
  errorCode: 'Panini-Dead-Letter-Error-Code',
  /** The error's details as JSON (validation errors), at most 8 KiB. */
  errorDetails: 'Panini-Dead-Letter-Error-Details',
  /** When it was given up, ISO 8601 (UTC). */
  failedAt: 'Panini-Dead-Letter-Failed-At',
  /** The original `Nats-Msg-Id`, when there was one. */
  msgId: 'Panini-Dead-Letter-Msg-Id',
} as const;

const MAX_DETAILS = 8 * 1024;
const oneLine = (s: string): string => s.replace(/[\r\n]+/g, ' ');

/** Where a handler's dead letters go: `stream` set means they are published with a PubAck awaited. */
export interface DeadLetterTarget { readonly subject: string; readonly stream: string | undefined }

export interface GivenUp { code: number; message: string; details?: unknown }

/** The headers of the dead letter of `m`. */
export function deadLetterHeaders(m: JetStreamMessage, why: GivenUp, now: Date): HeaderRecord {
  const out: HeaderRecord = {};
  const original = m.headers ?? {};
  for (const k in original) {
    const l = k.toLowerCase();
    if (l === 'nats-msg-id' || l.startsWith('nats-expected-')) continue;
    out[k] = original[k]!;
  }
  const i = m.info;
  const H = DEAD_LETTER_HEADERS;
  out[H.subject] = m.subject;
  out[H.stream] = i.stream;
  out[H.streamSequence] = String(i.streamSequence);
  out[H.consumer] = i.consumer;
  out[H.deliveryCount] = String(i.deliveryCount);
  out[H.error] = oneLine(why.message) || 'error';
  out[H.errorCode] = String(why.code);
  out[H.failedAt] = now.toISOString();
  const msgId = original['Nats-Msg-Id'] ?? Object.entries(original).find(([k]) => k.toLowerCase() === 'nats-msg-id')?.[1];
  if (msgId !== undefined) out[H.msgId] = msgId;
  if (why.details !== undefined) {
    let json = '';
    try { json = JSON.stringify(why.details) ?? ''; } catch { json = ''; }
    if (json) out[H.errorDetails] = oneLine(json.length > MAX_DETAILS ? `${json.slice(0, MAX_DETAILS)}...` : json);
  }
  return out;
}

/**
 * Publishes the dead letter of `m`. Into a stream: waits for the PubAck, with
 * `<stream>.<seq>.<consumer>` as `Nats-Msg-Id`, so a message one consumer dead-letters twice (the
 * term was lost) is stored once, while each consumer that gives the message up has its own letter
 * (names of streams and consumers hold no '.', so no two messages share an id).
 * @throws what the publish threw; the caller then does not terminate the message.
 */
export async function sendDeadLetter(target: DeadLetterTarget, m: JetStreamMessage, why: GivenUp, io: { backend: JetStreamBackend; transport: Transport; timeout: number }): Promise<void> {
  const headers = deadLetterHeaders(m, why, new Date());
  const subject = `${target.subject}.${m.info.consumer}`;
  if (target.stream === undefined) {
    io.transport.publish(subject, m.data, { headers });
    return;
  }
  await io.backend.publish(subject, m.data, { headers, msgId: `${m.info.stream}.${m.info.streamSequence}.${m.info.consumer}`, expect: { stream: target.stream }, timeout: io.timeout });
}
