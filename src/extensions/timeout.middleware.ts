import { ServiceError } from '../pipeline/errors.js';
import type { MiddlewareFn } from './extension.types.js';

/**
 * Bounds a handler's time. The handler gets `ctx.signal`, aborted when time is up, and the caller
 * gets a 504 error at once instead of waiting for its own timeout.
 * @example
 * @UseMiddleware(timeout(2000))
 * @Subject('report') async report(@Ctx() ctx: MessageContext) { return build({ signal: ctx.signal }); }
 */
export function timeout(ms: number): MiddlewareFn {
  if (!(ms > 0) || !Number.isFinite(ms)) throw new RangeError(`timeout(ms) needs a positive number of milliseconds, got ${ms}`);
  return (ctx, next) => {
    const controller = new AbortController();
    ctx.signal = controller.signal;
    const work = next();
    let timer: NodeJS.Timeout | undefined;
    const expired = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        controller.abort(new ServiceError(504, `handler timed out after ${ms} ms`));
        reject(new ServiceError(504, `${ctx.handler.name} timed out after ${ms} ms`));
      }, ms);
    });
    // the handler may still settle after the deadline: its outcome is no longer anyone's to see
    work.catch(() => undefined);
    return Promise.race([work, expired]).finally(() => clearTimeout(timer));
  };
}
