import type { MessageContext } from '../pipeline/message-context.js';
import type { Type } from '../metadata/types.js';
import type { HeaderRecord } from '../transport/transport.js';

/** Calls the rest of the chain; resolves with the handler's (possibly changed) result. */
export type Next = () => Promise<unknown>;

/**
 * Inbound middleware: runs around every handled message. Read or change `ctx.payload`,
 * `ctx.headers`, set reply headers, return early to short-circuit, or throw to answer an error.
 * @example
 * const timing: MiddlewareFn = async (ctx, next) => { const t = Date.now(); try { return await next(); } finally { log(ctx.subject, Date.now() - t); } };
 */
export type MiddlewareFn = (ctx: MessageContext, next: Next) => unknown;
/** Class form of middleware; resolved from the container so it can inject providers. */
export interface Middleware { use(ctx: MessageContext, next: Next): unknown }

/** Returns true to let the message through; false answers 403 (requests) or logs a warning (events). */
export type GuardFn = (ctx: MessageContext) => boolean | Promise<boolean>;
export interface Guard { canActivate(ctx: MessageContext): boolean | Promise<boolean> }

/** Wraps only the handler call (after guards and validation): transform results, map errors. */
export type InterceptorFn = (ctx: MessageContext, next: Next) => unknown;
export interface Interceptor { intercept(ctx: MessageContext, next: Next): unknown }

/** What an exception filter answers: an error reply, or `null` to swallow the error. */
export interface ErrorReply { code: number; message: string; details?: unknown }
/** Returns an ErrorReply to answer with, `null` to swallow, or undefined to leave it to the next filter. */
export type ExceptionFilterFn = (error: unknown, ctx: MessageContext) => ErrorReply | null | undefined | Promise<ErrorReply | null | undefined>;
export interface ExceptionFilter { catch(error: unknown, ctx: MessageContext): ReturnType<ExceptionFilterFn> }

/** A message leaving through `NatsClient`; outbound middleware may change any field. */
export interface OutboundMessage {
  readonly kind: 'publish' | 'request';
  subject: string;
  data: unknown;
  headers: HeaderRecord;
  replyTo?: string;
  timeout?: number;
}
/** Outbound middleware around `NatsClient.publish` and `request`: add headers, log, measure, refuse. */
export type OutboundMiddlewareFn = (msg: OutboundMessage, next: () => Promise<unknown>) => unknown;
export interface OutboundMiddleware { handle(msg: OutboundMessage, next: () => Promise<unknown>): unknown }

export type MiddlewareLike = MiddlewareFn | Type<Middleware>;
export type GuardLike = GuardFn | Type<Guard>;
export type InterceptorLike = InterceptorFn | Type<Interceptor>;
export type FilterLike = ExceptionFilterFn | Type<ExceptionFilter>;
export type OutboundLike = OutboundMiddlewareFn | Type<OutboundMiddleware>;
