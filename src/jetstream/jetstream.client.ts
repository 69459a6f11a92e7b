import { Inject, Injectable, TRANSPORT, type HeaderRecord, type Transport } from '../index.js';
import { checkPayload, checkSubject, encodeAuto, toPlain, type CodecOption } from '../internal.js';
import type { PubAck, PublishExpectations } from './backend.js';
import { JETSTREAM_OPTIONS, DEFAULTS, type JetStreamModuleOptions } from './jetstream-options.js';
import { backendFor } from './resolve-backend.js';

export interface JetStreamPublishOptions {
  headers?: HeaderRecord;
  /**
   * `Nats-Msg-Id`: the stream stores a message with an id it saw within its duplicate window
   * (default 2 min) only once, and answers `duplicate: true`. Publish again with the same id
   * after a timeout to be sure the message is stored exactly once.
   */
  msgId?: string;
  /** Optimistic concurrency: the publish is refused unless the stream is where you expect. */
  expect?: PublishExpectations;
  /** ms to wait for the PubAck; default the module's `defaults.publishTimeout` (5000). */
  timeout?: number;
  /** How `data` is encoded. Default: bytes and strings as they are, anything else as JSON. */
  codec?: CodecOption;
}

/**
 * Publishes to JetStream streams and waits for the stream's acknowledgement (PubAck), so a
 * resolved publish is stored. Inject it where `JetStreamModule` is imported.
 * @example
 * const ack = await this.js.publish('orders.42.created', order, { msgId: `order-42-created` });
 * // ack.seq: the message's stream sequence; ack.duplicate: stored before with this msgId
 */
@Injectable()
export class JetStreamClient {
  constructor(
    @Inject(TRANSPORT) private readonly transport: Transport,
    @Inject(JETSTREAM_OPTIONS) private readonly options: JetStreamModuleOptions,
  ) {}

  /**
   * @throws StreamNotFoundError when no stream captures `subject`; WrongLastSequenceError,
   *   WrongLastMsgIdError or StreamMismatchError when an `expect` does not hold;
   *   PublishTimeoutError when no PubAck came in time (the message may be stored: retry with
   *   the same `msgId`); JetStreamApiError for another refusal; InvalidSubjectError /
   *   PayloadTooLargeError for a bad subject or payload.
   */
  async publish(subject: string, data?: unknown, options: JetStreamPublishOptions = {}): Promise<PubAck> {
    checkSubject(subject, false);
    const bytes = encodeAuto(toPlain(data), options.codec);
    checkPayload(bytes, this.transport.maxPayload, options.headers);
    const timeout = options.timeout ?? this.options.defaults?.publishTimeout ?? DEFAULTS.publishTimeout;
    return backendFor(this.transport).publish(subject, bytes, {
      timeout,
      ...(options.headers ? { headers: options.headers } : {}),
      ...(options.msgId !== undefined ? { msgId: options.msgId } : {}),
      ...(options.expect ? { expect: options.expect } : {}),
    });
  }
}
