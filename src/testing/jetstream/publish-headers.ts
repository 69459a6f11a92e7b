import type { BackendPublishOptions } from '../../jetstream/backend.js';
import type { HeaderRecord } from '../../transport/transport.js';
import { JS_HEADERS } from './memory-stream.js';

/** The headers a JetStream publish carries on the wire: the caller's, `Nats-Msg-Id` and the `Nats-Expected-*` ones. */
export function publishHeaders(o: BackendPublishOptions): HeaderRecord | undefined {
  const h: HeaderRecord = { ...o.headers };
  const e = o.expect;
  if (o.msgId !== undefined) h[JS_HEADERS.msgId] = o.msgId;
  if (e?.stream !== undefined) h[JS_HEADERS.expectedStream] = e.stream;
  if (e?.lastSequence !== undefined) h[JS_HEADERS.expectedLastSeq] = String(e.lastSequence);
  if (e?.lastSubjectSequence !== undefined) h[JS_HEADERS.expectedLastSubjectSeq] = String(e.lastSubjectSequence);
  if (e?.lastMsgId !== undefined) h[JS_HEADERS.expectedLastMsgId] = e.lastMsgId;
  return Object.keys(h).length > 0 ? h : undefined;
}
