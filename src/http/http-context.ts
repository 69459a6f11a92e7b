import type { IncomingHttpHeaders } from 'node:http';
import type { Request, Response } from 'express';
import type { HttpRouteDefinition } from './http-route.js';

/**
 * What guards, interceptors, filters and handlers (`@Ctx()`) know about an HTTP request. It is
 * also the request's log scope: every line logged while it is handled carries these fields.
 * @example
 * const auth: GuardFn<MessageContext | HttpContext> = (ctx) =>
 *   (ctx.kind === 'http' ? ctx.req.get('authorization') : ctx.headers['authorization']) === 'Bearer s3cret';
 */
export class HttpContext {
  /** Tells an HTTP context from a NATS one where extensions serve both. */
  readonly kind = 'http' as const;
  private stateBag: Record<string, unknown> | undefined;

  constructor(
    readonly req: Request,
    readonly res: Response,
    readonly route: HttpRouteDefinition,
    readonly service: string,
    /** From the `x-request-id` header when present, else generated; echoed on the response. */
    readonly requestId: string,
  ) {}

  get method(): string { return this.req.method; }
  /** The path without the query string. */
  get path(): string { return this.req.path; }
  get headers(): IncomingHttpHeaders { return this.req.headers; }
  /** Free space for guards and interceptors to pass data along. */
  get state(): Record<string, unknown> { return (this.stateBag ??= {}); }

  setHeader(name: string, value: string): void {
    this.res.setHeader(name, value);
  }
}
