import type { HandlerDefinition } from '../scanner/handler-definition.js';
import type { HeaderRecord, InboundMessage, Transport } from '../transport/transport.js';
import type { Logger } from '../logging/logger.js';
import { PayloadTooLargeError } from '../transport/payload-rules.js';
import { foldHeaderValue } from '../transport/header-rules.js';
import { jsonCodec, type Codec } from './codec.js';
import { ERROR_CODE_HEADER, ERROR_HEADER, ServiceError, type ErrorBody } from '../errors/index.js';
import type { HandlerStats } from './handler-stats.js';
import type { MessageContext } from './message-context.js';
import type { Outcome, OutcomePolicy, Refusal, Settlement } from './outcome.js';
import { toPlain } from './validation.js';
import { quietAfterAbandon } from './late-transport.js';

export interface CoreNatsPolicyParts {
  def: HandlerDefinition;
  transport: Transport;
  log: Logger;
  codec: Codec;
  stats: HandlerStats;
}

type Answer = ErrorBody['error'];

/**
 * The outcome policy of a core NATS subscription: a request gets its result or an error reply
 * (`Nats-Service-Error` / `Nats-Service-Error-Code` headers and a JSON body); an event that
 * fails is logged, counted and, with `invalidTo`, dead-lettered for 4xx. An observe-only handler
 * (`reply: false`) never answers, not even 503: the real responder does.
 */
export class CoreNatsPolicy implements OutcomePolicy {
  private transport: Transport;
  private readonly answers: boolean;

  constructor(private readonly p: CoreNatsPolicyParts) {
    this.transport = p.transport;
    this.answers = p.def.options.reply !== false;
  }

  settle(ctx: MessageContext, outcome: Outcome): Settlement {
    if (outcome.ok) {
      if (ctx.reply === undefined || !this.answers) return 'silent';
      return this.reply(ctx, outcome.result);
    }
    return this.fail(ctx, outcome);
  }

  refuse(msg: InboundMessage, refusal: Refusal): boolean {
    if (msg.reply === undefined || !this.answers) return false;
    const error = { code: refusal.code, message: refusal.message };
    try {
      this.transport.publish(msg.reply, jsonCodec.encode({ error }), { headers: errorHeaders(undefined, error) });
    } catch (err) {
      this.p.log.debug(`${this.p.def.name} could not answer ${refusal.code} to '${msg.reply}'`, { error: (err as Error).message });
    }
    return true;
  }

  abandoned(): void {
    this.transport = quietAfterAbandon(this.transport, this.p.log, this.p.def.name);
  }

  private reply(ctx: MessageContext, result: unknown): Settlement {
    const { def, codec, log } = this.p;
    let data: Uint8Array;
    try {
      data = codec.encode(toPlain(result, def.options.serializeGroups));
    } catch (err) {
      if (ServiceError.is(err)) return { failed: err };
      return { failed: new ServiceError(500, `${def.name} returned a reply that cannot be encoded with the ${codec.name} codec`, undefined, { cause: err }) };
    }
    try {
      this.transport.publish(ctx.reply!, data, ctx.replyHeaders ? { headers: ctx.replyHeaders } : undefined);
    } catch (err) {
      if (!PayloadTooLargeError.is(err)) return { failed: err };
      // the caller learns why instead of a bare 500; the operator sees it as a warning
      const message = `the reply of ${def.name} is ${err.size} bytes, more than the server's max payload of ${err.max} bytes`;
      log.warn(message, { subject: ctx.subject, handler: def.name, size: err.size, max: err.max });
      return { failed: new ServiceError(413, message, { size: err.size, max: err.max }) };
    }
    return 'answered';
  }

  private fail(ctx: MessageContext, outcome: Extract<Outcome, { ok: false }>): Settlement {
    const { def, log } = this.p;
    const replyTo = this.answers ? ctx.reply : undefined;
    const answer = outcome.body;
    if (answer === null) {
      // swallowed by a filter: a requester still gets an (empty) answer instead of a timeout
      if (replyTo === undefined) return 'silent';
      return this.safePublish(replyTo, new Uint8Array(0), ctx.replyHeaders) ? 'answered' : 'silent';
    }
    const fields = { subject: ctx.subject, handler: def.name, code: answer.code };
    if (answer.code >= 500) log.error(`${def.name} failed on '${ctx.subject}'`, { ...fields, error: outcome.error as Error });
    else if (replyTo === undefined) log.warn(`${def.name} rejected an event on '${ctx.subject}': ${answer.message}`, { ...fields, details: answer.details });
    else log.debug(`${def.name} answered ${answer.code} on '${ctx.subject}': ${answer.message}`, fields);

    if (replyTo !== undefined) {
      const headers = errorHeaders(ctx.replyHeaders, answer);
      // details too large (or not JSON) must not cost the caller the code: send without them
      if (this.trySend(replyTo, () => jsonCodec.encode({ error: answer }), headers)) return 'answered';
      const { details: _dropped, ...bare } = answer;
      return this.safePublish(replyTo, jsonCodec.encode({ error: bare }), headers) ? 'answered' : 'silent';
    }
    this.p.stats.failedEvents++;
    const invalidTo = def.options.invalidTo;
    if (invalidTo && answer.code >= 400 && answer.code < 500) {
      const body = {
        subject: ctx.subject,
        handler: def.name,
        error: answer,
        headers: ctx.message.headers,
        payload: new TextDecoder().decode(ctx.message.data),
      };
      this.safePublish(invalidTo, jsonCodec.encode(body), errorHeaders(undefined, answer));
    }
    return 'silent';
  }

  private trySend(subject: string, encode: () => Uint8Array, headers: HeaderRecord): boolean {
    try {
      this.transport.publish(subject, encode(), { headers });
      return true;
    } catch {
      return false;
    }
  }

  private safePublish(subject: string, data: Uint8Array, headers?: HeaderRecord): boolean {
    try {
      this.transport.publish(subject, data, headers ? { headers } : undefined);
      return true;
    } catch (err) {
      this.p.log.error(`${this.p.def.name} could not send to '${subject}'`, err as Error);
      return false;
    }
  }
}

/** The error headers of an answer Panini writes itself: a message with line breaks is folded, never refused. */
function errorHeaders(base: HeaderRecord | undefined, answer: { code: number; message: string }): HeaderRecord {
  return { ...base, [ERROR_HEADER]: foldHeaderValue(answer.message), [ERROR_CODE_HEADER]: String(answer.code) };
}
