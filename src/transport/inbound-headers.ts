import type { Msg } from '@nats-io/transport-node';
import { MalformedHeadersError } from './transport.errors.js';
import type { HeaderRecord } from './transport.js';

/** What reading a message's header block gave: headers, or the reason they cannot be read. */
export interface ReadHeaders {
  headers?: HeaderRecord;
  /** The status code of a status message (503 no responders), 0 when none. */
  status: number;
  error?: MalformedHeadersError;
}

const NONE: ReadHeaders = Object.freeze({ status: 0 });

/**
 * Reads the header block of a nats.js message without ever throwing. nats.js decodes headers
 * lazily and throws from the `headers` getter on a name it refuses; a throw inside a nats.js
 * subscription callback stops its reader for good, so nothing else may touch `msg.headers`.
 */
export function readHeaders(msg: Msg): ReadHeaders {
  try {
    const h = msg.headers;
    if (h === undefined) return NONE;
    const headers: HeaderRecord = {};
    for (const [k, v] of h) if (v.length) headers[k] = v[v.length - 1]!;
    return { headers, status: h.code };
  } catch (err) {
    return { status: 0, error: malformedHeaders(err) };
  }
}

/** The error of a header block nats.js refused to decode (`err`: what it threw), in one clean line. */
export function malformedHeaders(err: unknown): MalformedHeadersError {
  return new MalformedHeadersError(describe(err), { cause: err });
}

/** The nats.js reason with anything unprintable escaped, so a log line or reply stays one clean line. */
function describe(err: unknown): string {
  const text = err instanceof Error ? err.message : String(err);
  // eslint-disable-next-line no-control-regex
  const clean = text.replace(/^'header' /, '').replace(/[^\x20-\x7e]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  return `${clean}; header names must be printable ASCII without spaces or ':'`;
}
