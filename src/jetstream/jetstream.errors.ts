import { brandFor, hasBrand, setBrand } from '../errors/brand.js';

const STREAM_NOT_FOUND = brandFor('StreamNotFoundError');
const CONSUMER_NOT_FOUND = brandFor('ConsumerNotFoundError');
const WRONG_LAST_SEQUENCE = brandFor('WrongLastSequenceError');
const WRONG_LAST_MSG_ID = brandFor('WrongLastMsgIdError');
const STREAM_MISMATCH = brandFor('StreamMismatchError');
const PUBLISH_TIMEOUT = brandFor('PublishTimeoutError');
const JETSTREAM_API = brandFor('JetStreamApiError');
const DECLARATION = brandFor('JetStreamDeclarationError');

/**
 * No stream captures the subject (publish), or the named stream does not exist (stream and
 * consumer administration, fetch). NATS: no responders on a publish, API error code 10059.
 */
export class StreamNotFoundError extends Error {
  static { setBrand(this, STREAM_NOT_FOUND); }
  /** True for a StreamNotFoundError from any installed copy of Panini. */
  static is(value: unknown): value is StreamNotFoundError { return hasBrand(value, STREAM_NOT_FOUND); }
  readonly code = 404;
  /** `stream` is the stream's name, or undefined when a publish found no stream for `subject`. */
  constructor(readonly stream: string | undefined, readonly subject?: string, options?: ErrorOptions) {
    super(stream !== undefined ? `stream '${stream}' not found` : `no stream captures subject '${subject}'`, options);
    this.name = 'StreamNotFoundError';
  }
}

/** The named consumer does not exist on the stream (NATS API error code 10014). */
export class ConsumerNotFoundError extends Error {
  static { setBrand(this, CONSUMER_NOT_FOUND); }
  /** True for a ConsumerNotFoundError from any installed copy of Panini. */
  static is(value: unknown): value is ConsumerNotFoundError { return hasBrand(value, CONSUMER_NOT_FOUND); }
  readonly code = 404;
  constructor(readonly stream: string, readonly consumer: string, options?: ErrorOptions) {
    super(`consumer '${consumer}' not found on stream '${stream}'`, options);
    this.name = 'ConsumerNotFoundError';
  }
}

/**
 * A publish with `expect.lastSequence` or `expect.lastSubjectSequence` was refused: the stream
 * (or the subject) is at another sequence (NATS API error code 10071, "wrong last sequence: N").
 * `current` is the sequence the server reported, when it did.
 */
export class WrongLastSequenceError extends Error {
  static { setBrand(this, WRONG_LAST_SEQUENCE); }
  /** True for a WrongLastSequenceError from any installed copy of Panini. */
  static is(value: unknown): value is WrongLastSequenceError { return hasBrand(value, WRONG_LAST_SEQUENCE); }
  readonly code = 409;
  constructor(readonly subject: string, readonly expected: number, readonly current: number | undefined, options?: ErrorOptions) {
    super(`publish to '${subject}' expected last sequence ${expected}, the stream is at ${current ?? 'another sequence'}`, options);
    this.name = 'WrongLastSequenceError';
  }
}

/** A publish with `expect.lastMsgId` was refused: the stream's last message has another id (NATS API error code 10070). */
export class WrongLastMsgIdError extends Error {
  static { setBrand(this, WRONG_LAST_MSG_ID); }
  /** True for a WrongLastMsgIdError from any installed copy of Panini. */
  static is(value: unknown): value is WrongLastMsgIdError { return hasBrand(value, WRONG_LAST_MSG_ID); }
  readonly code = 409;
  constructor(readonly subject: string, readonly expected: string, options?: ErrorOptions) {
    super(`publish to '${subject}' expected last message id '${expected}', the stream's last message has another`, options);
    this.name = 'WrongLastMsgIdError';
  }
}

/** A publish with `expect.stream` landed in another stream (NATS API error code 10060). */
export class StreamMismatchError extends Error {
  static { setBrand(this, STREAM_MISMATCH); }
  /** True for a StreamMismatchError from any installed copy of Panini. */
  static is(value: unknown): value is StreamMismatchError { return hasBrand(value, STREAM_MISMATCH); }
  readonly code = 409;
  constructor(readonly subject: string, readonly expected: string, options?: ErrorOptions) {
    super(`publish to '${subject}' expected stream '${expected}', but another stream captures the subject`, options);
    this.name = 'StreamMismatchError';
  }
}

/**
 * No PubAck arrived in time. The message may still have been stored: publish again with the
 * same `msgId` to be sure it is stored once.
 */
export class PublishTimeoutError extends Error {
  static { setBrand(this, PUBLISH_TIMEOUT); }
  /** True for a PublishTimeoutError from any installed copy of Panini. */
  static is(value: unknown): value is PublishTimeoutError { return hasBrand(value, PUBLISH_TIMEOUT); }
  readonly code = 504;
  constructor(readonly subject: string, readonly timeout: number, options?: ErrorOptions) {
    super(`no PubAck for the publish to '${subject}' within ${timeout} ms`, options);
    this.name = 'PublishTimeoutError';
  }
}

/**
 * Any other error the JetStream API answered: `status` is the HTTP-like code (400, 404, 500,
 * 503), `errCode` the NATS API error code (for example 10058: stream name already in use with a
 * different configuration), `description` the server's text.
 */
export class JetStreamApiError extends Error {
  static { setBrand(this, JETSTREAM_API); }
  /** True for a JetStreamApiError from any installed copy of Panini. */
  static is(value: unknown): value is JetStreamApiError { return hasBrand(value, JETSTREAM_API); }
  constructor(readonly status: number, readonly errCode: number, readonly description: string, options?: ErrorOptions) {
    super(`JetStream API error ${status} (${errCode}): ${description}`, options);
    this.name = 'JetStreamApiError';
  }
}

/**
 * A stream or consumer declared with `JetStreamModule.forRoot()` cannot be ensured at start-up:
 * a change the server does not allow (`field` names it), or a `declare: false` one that does not
 * exist (the message says how to create it). `app.start()` rejects with it.
 */
export class JetStreamDeclarationError extends Error {
  static { setBrand(this, DECLARATION); }
  /** True for a JetStreamDeclarationError from any installed copy of Panini. */
  static is(value: unknown): value is JetStreamDeclarationError { return hasBrand(value, DECLARATION); }
  constructor(message: string, readonly stream: string, readonly consumer?: string, readonly field?: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'JetStreamDeclarationError';
  }
}
