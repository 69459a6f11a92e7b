import type { HeaderRecord } from './transport.js';
import { PayloadTooLargeError } from '../errors/message.errors.js';

export { PayloadTooLargeError };

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
