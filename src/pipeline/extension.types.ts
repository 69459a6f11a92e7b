import type { MessageContext } from './message-context.js';
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

/*
 * Guards, interceptors and filters also run for HTTP routes (`@panini/core/http`), where they get
 * an `HttpContext`. `C` names the context; one class serves both with
 * `Guard<MessageContext | HttpContext>` and a check of `ctx.kind` ('nats' | 'http').
 */

/** Returns true to let the message through; false answers 403 (requests) or logs a warning (events). */
export type GuardFn<C = MessageContext> = (ctx: C) => boolean | Promise<boolean>;
export interface Guard<C = MessageContext> { canActivate(ctx: C): boolean | Promise<boolean> }

/** Wraps only the handler call (after guards and validation): transform results, map errors. */
export type InterceptorFn<C = MessageContext> = (ctx: C, next: Next) => unknown;
export interface Interceptor<C = MessageContext> { intercept(ctx: C, next: Next): unknown }

/** What an exception filter answers: an error reply, or `null` to swallow the error. */
export interface ErrorReply { code: number; message: string; details?: unknown }
/** Returns an ErrorReply to answer with, `null` to swallow, or undefined to leave it to the next filter. */
export type ExceptionFilterFn<C = MessageContext> = (error: unknown, ctx: C) => ErrorReply | null | undefined | Promise<ErrorReply | null | undefined>;
export interface ExceptionFilter<C = MessageContext> { catch(error: unknown, ctx: C): ReturnType<ExceptionFilterFn> }

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
export type GuardLike<C = MessageContext> = GuardFn<C> | Type<Guard<C>>;
export type InterceptorLike<C = MessageContext> = InterceptorFn<C> | Type<Interceptor<C>>;
export type FilterLike<C = MessageContext> = ExceptionFilterFn<C> | Type<ExceptionFilter<C>>;
export type OutboundLike = OutboundMiddlewareFn | Type<OutboundMiddleware>;
