import type { Logger } from '../logging/logger.js';
import type { MiddlewareFn } from './extension.types.js';

export interface DebugOptions {
  /** Longest payload or reply text logged; longer ones are cut with '…(N more)'. Default 200. */
  maxLength?: number;
}

export function truncate(value: unknown, max: number): string {
  let text: string;
  if (value instanceof Uint8Array) text = `<${value.length} bytes>`;
  else if (typeof value === 'string') text = value;
  else {
    try { text = JSON.stringify(value) ?? String(value); } catch { text = String(value); }
  }
  return text.length > max ? `${text.slice(0, max)}…(${text.length - max} more)` : text;
}

/**
 * Logs every message at debug level: subject, payload, reply or error, and time taken.
 * @example
 * app.use(debugTraffic(app.logger.child('traffic'), { maxLength: 120 }));
 */
export function debugTraffic(log: Logger, options: DebugOptions = {}): MiddlewareFn {
  const max = options.maxLength ?? 200;
  return async (ctx, next) => {
    const started = performance.now();
    log.debug(`<- ${ctx.subject}`, { subject: ctx.subject, reply: ctx.reply, payload: truncate(ctx.payload, max) });
    try {
      const result = await next();
      log.debug(`-> ${ctx.subject} ok`, { subject: ctx.subject, ms: +(performance.now() - started).toFixed(2), result: truncate(result, max) });
      return result;
    } catch (err) {
      log.debug(`-> ${ctx.subject} failed`, { subject: ctx.subject, ms: +(performance.now() - started).toFixed(2), error: (err as Error)?.message });
      throw err;
    }
  };
}
