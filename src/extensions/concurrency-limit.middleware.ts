import { ServiceError } from '../pipeline/errors.js';
import type { MiddlewareFn } from './extension.types.js';

export interface ConcurrencyLimitOptions {
  /** Handlers running at once. */
  max: number;
  /** Messages allowed to wait for a slot; beyond that they are refused with 503. Default 0. */
  queue?: number;
}

/**
 * Limits how many messages run the rest of the chain at once, with a bounded waiting line.
 * Each call makes its own limit: put it on one handler, or on a controller to share it.
 * @example
 * @UseMiddleware(concurrencyLimit({ max: 4, queue: 100 }))
 * @Subject('render') render(...) { ... }
 */
export function concurrencyLimit(options: ConcurrencyLimitOptions): MiddlewareFn {
  const max = options.max;
  const queueMax = options.queue ?? 0;
  if (!Number.isInteger(max) || max < 1) throw new RangeError(`concurrencyLimit: max must be a whole number >= 1, got ${max}`);
  if (!Number.isInteger(queueMax) || queueMax < 0) throw new RangeError(`concurrencyLimit: queue must be a whole number >= 0, got ${queueMax}`);
  let active = 0;
  const waiting: Array<() => void> = [];
  const release = (): void => {
    const next = waiting.shift();
    if (next) next();
    else active--;
  };
  return async (ctx, next) => {
    if (active >= max) {
      if (waiting.length >= queueMax) {
        throw new ServiceError(503, `${ctx.handler.name} is at its limit of ${max} running and ${queueMax} waiting`);
      }
      await new Promise<void>((resolve) => waiting.push(resolve));
    } else active++;
    try {
      return await next();
    } finally {
      release();
    }
  };
}
