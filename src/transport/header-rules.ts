import { errors } from '@nats-io/transport-node';
import type { HeaderRecord } from './transport.js';

const COLON = 58;
const LINE_BREAKS = /[\r\n]+/g;

/**
 * Throws when `name` cannot be a NATS header name: printable ASCII (33..126) without ':'. The
 * error is the nats.js client's own `InvalidArgumentError`, so both transports refuse alike.
 */
export function checkHeaderName(name: string): void {
  if (name.length === 0) throw errors.InvalidArgumentError.format('header', 'a header name cannot be empty');
  for (let i = 0; i < name.length; i++) {
    const c = name.charCodeAt(i);
    if (c === COLON || c < 33 || c > 126) throw errors.InvalidArgumentError.format('header', `'${name[i]}' is not a valid character in a header name`);
  }
}

/**
 * A value as one header line: every run of CR/LF becomes one space. For values Panini writes
 * itself (an error message in an error reply or a dead-letter record), which must never cost
 * the message its delivery.
 */
export function foldHeaderValue(value: string): string {
  return value.includes('\r') || value.includes('\n') ? value.replace(LINE_BREAKS, ' ') : value;
}

/**
 * The one sanitiser for outgoing headers, used by every transport's publish: headers as a NATS
 * receiver gets them (names checked, values trimmed, no headers at all for an empty record).
 * Strict: an invalid name, or a value with CR/LF, throws nats.js's `InvalidArgumentError` to
 * the caller that set it, so the memory broker refuses what NATS refuses.
 */
export function toWireHeaders(h: HeaderRecord | undefined): HeaderRecord | undefined {
  if (h === undefined) return undefined;
  let out: HeaderRecord | undefined;
  for (const name in h) {
    checkHeaderName(name);
    const value = String(h[name]);
    if (value.includes('\r') || value.includes('\n')) throw errors.InvalidArgumentError.format('header', 'values cannot contain \\r or \\n');
    (out ??= {})[name] = value.trim();
  }
  return out;
}
