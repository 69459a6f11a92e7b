import type { Logger } from '../logging/logger.js';
import type { ErrorReply } from './extension.types.js';

/**
 * Asks exception filters, most specific first, what to answer for `err`: the first that returns
 * something other than undefined wins. A filter that throws is logged and skipped.
 */
export async function runFilters<C>(
  filters: ReadonlyArray<(error: unknown, ctx: C) => unknown>,
  err: unknown,
  ctx: C,
  log: Logger,
  handler: string,
): Promise<ErrorReply | null | undefined> {
  for (const filter of filters) {
    try {
      const answer = (await filter(err, ctx)) as ErrorReply | null | undefined;
      if (answer !== undefined) return answer;
    } catch (filterErr) {
      log.error(`exception filter of ${handler} threw; using the default error mapping`, filterErr as Error);
    }
  }
  return undefined;
}
