import type { HeaderRecord } from '../transport/transport.js';

/** How a recorded message left the app. */
export type RecordedKind = 'publish' | 'request' | 'reply';

const decoder = new TextDecoder('utf-8', { fatal: true });

/** Decodes like a curious human would: JSON when it parses, else text, else the bytes. */
export function decodeForTest(bytes: Uint8Array): unknown {
  if (bytes.length === 0) return undefined;
  let text: string;
  try {
    text = decoder.decode(bytes);
  } catch {
    return bytes;
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/** One message the app sent, as the traffic recorder keeps it. */
export class RecordedMessage<T = unknown> {
  private decoded: { value: T } | undefined;

  constructor(
    /** Position in the recording, from 1. */
    readonly seq: number,
    readonly kind: RecordedKind,
    readonly subject: string,
    /** The bytes as sent. */
    readonly bytes: Uint8Array,
    /** The headers as sent (empty when none). */
    readonly headers: HeaderRecord,
    /** The reply subject of a request, or the `replyTo` of a publish. */
    readonly reply: string | undefined,
    readonly at: number,
  ) {}

  /** The payload decoded: JSON when it parses, else text, else the bytes. `undefined` when empty. */
  get data(): T {
    return (this.decoded ??= { value: decodeForTest(this.bytes) as T }).value;
  }

  /** True when the message is an error reply (it carries `Nats-Service-Error-Code`). */
  get isError(): boolean {
    return this.headers['Nats-Service-Error-Code'] !== undefined;
  }
}
