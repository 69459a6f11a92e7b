import type { ResolvedOptions } from '../app-options.js';
import type { BuiltContainer } from '../container/container-builder.js';
import { compose } from '../extensions/compose.js';
import { toFilter, toGuard, toInterceptor, toMiddleware, type Instantiate } from '../extensions/resolve-extensions.js';
import type { Logger } from '../logging/logger.js';
import { logScope } from '../logging/log-scope.js';
import { resolveBacklog } from '../pipeline/backlog-options.js';
import { resolveCodec } from '../pipeline/codec.js';
import { HandlerRunner } from '../pipeline/handler-runner.js';
import type { HandlerStats } from '../pipeline/handler-stats.js';
import { compileArgs } from '../pipeline/param-resolvers.js';
import type { PipelineListener } from '../pipeline/pipeline-events.js';
import type { SourceContext } from './source-factory.js';

export interface RunnerFactoryParts {
  options: ResolvedOptions;
  built: BuiltContainer;
  instantiate: Instantiate;
  logger: Logger;
  /** App-wide extensions, outermost first. */
  global: { middleware: unknown[]; guards: unknown[]; interceptors: unknown[]; filters: unknown[] };
  /** Where every runner's counters go (`app.stats()`). */
  stats: HandlerStats[];
  emit: PipelineListener | undefined;
}

/** Builds the runner of one handler for any source: the same pipeline, whatever the source's policy. */
export function runnerFactory(parts: RunnerFactoryParts): SourceContext['runner'] {
  const { options, built, instantiate, global } = parts;
  return (def, how) => {
    const controller = built.controllers.find((c) => c.cls === def.controller)!;
    const instance = built.container.get<Record<string, (...a: unknown[]) => unknown>>(controller.ref.id);
    const method = instance[def.method]!;
    const stats: HandlerStats = { subject: def.subject, pattern: def.pattern, handler: def.name, queue: how.queue, received: 0, handled: 0, failed: 0, failedEvents: 0, inFlight: 0, waiting: 0, waitingBytes: 0, shed: 0, refused: 0 };
    parts.stats.push(stats);
    const concurrency = how.concurrency ?? def.options.concurrency ?? options.concurrency;
    if (!Number.isInteger(concurrency) || concurrency < 1) throw new RangeError(`${def.name}: concurrency must be a whole number >= 1, got ${concurrency}`);
    const ext = def.extensions;
    const middleware = [...global.middleware, ...ext.middleware].map((m) => toMiddleware(m, instantiate));
    const interceptors = [...global.interceptors, ...ext.interceptors].map((m) => toInterceptor(m, instantiate));
    const validation = { ...options.validation, ...def.options.validation };
    const logContext = (options.logging as { context?: boolean } | undefined)?.context !== false;
    const log = parts.logger.child(def.controller.name);
    const codec = resolveCodec(def.options.codec, validation.maxDepth);
    const args = compileArgs(def, validation);
    for (const w of args.warnings) log.warn(w, { handler: def.name });
    return new HandlerRunner({
      def,
      service: options.name,
      log,
      codec,
      args,
      invoke: method.bind(instance),
      concurrency,
      middleware: compose(middleware),
      guards: [...global.guards, ...ext.guards].map((g) => toGuard(g, instantiate)),
      interceptors: compose(interceptors),
      // handler-level filters first, then controller, then global (the most specific wins)
      filters: [...ext.filters].reverse().concat([...global.filters].reverse()).map((f) => toFilter(f, instantiate)),
      scope: logContext ? (ctx, fn) => logScope.run(ctx, fn) : undefined,
      stats,
      backlog: resolveBacklog(def.name, def.options.backlog, options.backlog),
      policy: how.policy({ def, codec, log, stats }),
      ...(how.context ? { context: how.context } : {}),
      emit: parts.emit,
    });
  };
}
