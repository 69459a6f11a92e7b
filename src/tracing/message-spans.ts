import { context, propagation, ROOT_CONTEXT, SpanKind, SpanStatusCode, trace, type Context, type Span, type Tracer } from '@opentelemetry/api';
import type { MessageContext, MiddlewareFn, PipelineListener } from '../index.js';
import { headerGetter } from './nats-carrier.js';
import { ATTR, isInbox, NATS } from './semconv.js';

/**
 * The CONSUMER `process` span of each handled message: started at `received` (its parent read
 * from the message's `traceparent`), ended at `handled` or `failed`. The middleware runs the rest
 * of the pipeline inside the span's context, so what the handler publishes becomes its child.
 */
export class MessageSpans {
  private readonly open = new WeakMap<MessageContext, { span: Span; ctx: Context }>();

  constructor(private readonly tracer: Tracer) {}

  readonly listener: PipelineListener = (e) => {
    if (e.type === 'received') this.start(e.ctx);
    else if (e.type === 'handled') this.end(e.ctx);
    else if (e.type === 'failed') this.end(e.ctx, e.code, e.error);
  };

  readonly middleware: MiddlewareFn = (ctx, next) => {
    const open = this.open.get(ctx);
    return open === undefined ? next() : context.with(open.ctx, next);
  };

  private start(msg: MessageContext): void {
    const parent = propagation.extract(ROOT_CONTEXT, msg.message.headers, headerGetter);
    const def = msg.handler;
    const queue = def.options.queue ?? def.controllerQueue;
    const span = this.tracer.startSpan(`process ${def.pattern}`, {
      kind: SpanKind.CONSUMER,
      attributes: {
        [ATTR.system]: NATS,
        [ATTR.operationName]: 'process',
        [ATTR.operationType]: 'process',
        [ATTR.destination]: msg.subject,
        [ATTR.template]: def.pattern,
        [ATTR.bodySize]: msg.message.data.length,
        // the service name is the queue group unless the handler or its controller names one
        ...(queue === false ? {} : { [ATTR.group]: queue ?? msg.service }),
        ...(isInbox(msg.subject) ? { [ATTR.temporary]: true } : {}),
      },
    }, parent);
    this.open.set(msg, { span, ctx: trace.setSpan(parent, span) });
  }

  private end(msg: MessageContext, code?: number, error?: unknown): void {
    const open = this.open.get(msg);
    if (open === undefined) return;
    this.open.delete(msg);
    if (code !== undefined) markFailed(open.span, code, error);
    open.span.end();
  }
}

/** Status ERROR with the answer's code as `error.type`, and the exception when it is one. */
export function markFailed(span: Span, code: number | string, error: unknown): void {
  const message = error instanceof Error ? error.message : String(error);
  span.setAttribute(ATTR.errorType, String(code));
  if (error instanceof Error) span.recordException(error);
  span.setStatus({ code: SpanStatusCode.ERROR, message: `${code}: ${message}` });
}
