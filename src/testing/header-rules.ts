import { errors } from '@nats-io/transport-node';
import type { HeaderRecord } from '../transport/transport.js';

const COLON = 58;

/**
 * Headers as a NATS receiver gets them: names of printable ASCII without ':', values without
 * CR/LF and trimmed, and no headers at all for an empty record. Invalid ones fail with the
 * nats.js client's own `InvalidArgumentError`, so the memory broker refuses what NATS refuses.
 */
export function toWireHeaders(h: HeaderRecord | undefined): HeaderRecord | undefined {
  if (h === undefined) return undefined;
  let out: HeaderRecord | undefined;
  for (const name in h) {
    for (let i = 0; i < name.length; i++) {
      const c = name.charCodeAt(i);
      if (c === COLON || c < 33 || c > 126) throw errors.InvalidArgumentError.format('header', `'${name[i]}' is not a valid character in a header name`);
    }
    const value = String(h[name]);
    if (/[\r\n]/.test(value)) throw errors.InvalidArgumentError.format('header', 'values cannot contain \\r or \\n');
    (out ??= {})[name] = value.trim();
  }
  return out;
}
