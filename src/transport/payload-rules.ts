import type { HeaderRecord } from './transport.js';

/** Thrown before sending when a message is larger than the broker's `max_payload`. */
export class PayloadTooLargeError extends Error {
  readonly code = 413;
  constructor(readonly size: number, readonly max: number) {
    super(`payload of ${size} bytes (headers included) exceeds the broker's maximum of ${max} bytes`);
    this.name = 'PayloadTooLargeError';
  }
}

/** Bytes the header block takes on the wire (`NATS/1.0\r\nk: v\r\n\r\n`), as the server counts it. */
export function headersSize(headers: HeaderRecord | undefined): number {
  if (headers === undefined) return 0;
  let size = 0;
  for (const k in headers) size += 4 + Buffer.byteLength(k) + Buffer.byteLength(String(headers[k]).trim());
  return size === 0 ? 0 : size + 8 + 4;
}

/** The server limits payload and headers together; both transports refuse the same messages. */
export function checkPayload(data: Uint8Array, max: number, headers?: HeaderRecord): void {
  const size = data.length + headersSize(headers);
  if (size > max) throw new PayloadTooLargeError(size, max);
}
