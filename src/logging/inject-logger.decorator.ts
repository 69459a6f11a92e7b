import { Inject } from '../metadata/injectable.decorator.js';
import type { Token } from '../metadata/types.js';
import type { ContextualProvider } from '../metadata/contextual-provider.js';
import { Logger } from './logger.js';

/** One token per logger name used with `@InjectLogger`. */
const tokens = new Map<string, symbol>();

/** The token `@InjectLogger(name)` injects; inject it with `@Inject` if you prefer. */
export function loggerToken(name: string): symbol {
  let token = tokens.get(name);
  if (token === undefined) {
    token = Symbol(`Logger(${name})`);
    tokens.set(name, token);
  }
  return token;
}

/**
 * Injects a child logger whose `context` is `name` instead of the class name.
 * @example
 * constructor(@InjectLogger('payments') private readonly log: Logger) {}
 */
export function InjectLogger(name: string): ParameterDecorator {
  if (typeof name !== 'string' || name === '') throw new TypeError('@InjectLogger(name) needs a non-empty name; inject `Logger` by type for one named after the class');
  return Inject(loggerToken(name));
}

/** The container's contextual providers: `Logger` named after each consumer, and every `@InjectLogger` name. */
export function loggerProviders(logger: Logger): ContextualProvider[] {
  return [
    { token: Logger, create: (consumer) => logger.child(consumer) },
    ...[...tokens].map(([name, token]) => ({ token, create: () => logger.child(name) })),
  ];
}

/** The logger for a token outside the container (an extension class), or undefined if it is not a logger token. */
export function loggerFor(logger: Logger, token: Token, consumer: string): Logger | undefined {
  if (token === Logger) return logger.child(consumer);
  for (const [name, t] of tokens) if (t === token) return logger.child(name);
  return undefined;
}
