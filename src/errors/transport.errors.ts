import { brandFor, hasBrand, setBrand } from './brand.js';
import { ServiceError } from './service.error.js';

const CLOSED = brandFor('TransportClosedError');
const HEADERS = brandFor('MalformedHeadersError');
const BAD_REPLY = brandFor('BadReplyError');
const DENIED = brandFor('PermissionDeniedError');

/**
 * The transport is not open: used before `connect()` or after `close()`, or a request was still
 * waiting for its reply when the connection closed (it fails then, not at its timeout).
 * `state` is the transport's state (`idle`, `draining`, `closed`, ...).
 */
export class TransportClosedError extends Error {
  static {
    setBrand(this, CLOSED);
  }

  /** True for a TransportClosedError from any installed copy of Panini. */
  static is(value: unknown): value is TransportClosedError {
    return hasBrand(value, CLOSED);
  }

  constructor(state: string, transport = 'memory') {
    super(state === 'idle'
      ? `the ${transport} transport is not connected yet: call app.start() (or transport.connect()) first`
      : `the ${transport} transport is ${state}: it cannot send or subscribe any more`);
    this.name = 'TransportClosedError';
  }
}

/**
 * A message arrived with a header block that cannot be read (a header name with a space, a
 * control or a non-ASCII character). The transport hands such a message on with this error
 * instead of headers; a handler answers it with 400, an event is dead-lettered.
 * The message names the problem, never a header's value.
 */
export class MalformedHeadersError extends ServiceError {
  static {
    setBrand(this, HEADERS);
  }

  /** True for a MalformedHeadersError from any installed copy of Panini. */
  static override is(value: unknown): value is MalformedHeadersError {
    return hasBrand(value, HEADERS);
  }

  constructor(problem: string, options?: ErrorOptions) {
    super(400, `malformed headers: ${problem}`, undefined, options);
    this.name = 'MalformedHeadersError';
  }
}

/** A reply arrived but cannot be read (for example its headers are malformed): 502 bad reply. */
export class BadReplyError extends ServiceError {
  static {
    setBrand(this, BAD_REPLY);
  }

  /** True for a BadReplyError from any installed copy of Panini. */
  static override is(value: unknown): value is BadReplyError {
    return hasBrand(value, BAD_REPLY);
  }

  constructor(readonly subject: string, problem: string, options?: ErrorOptions) {
    super(502, `bad reply to the request on '${subject}': ${problem}`, undefined, options);
    this.name = 'BadReplyError';
  }
}

/** The server refused a subscription (or a publish) this account has no permission for. */
export class PermissionDeniedError extends Error {
  static {
    setBrand(this, DENIED);
  }

  /** True for a PermissionDeniedError from any installed copy of Panini. */
  static is(value: unknown): value is PermissionDeniedError {
    return hasBrand(value, DENIED);
  }

  constructor(readonly operation: 'subscription' | 'publish', readonly subject: string, readonly queue?: string, options?: ErrorOptions) {
    const verb = operation === 'subscription' ? 'subscribe' : 'publish';
    super(`NATS denied permission to ${verb} to '${subject}'${queue ? ` (queue '${queue}')` : ''}: ` +
      `allow ${verb} on "${subject}" for this user in the server's authorization settings` +
      (operation === 'subscription' ? ', or remove the handler' : ''), options);
    this.name = 'PermissionDeniedError';
  }
}
