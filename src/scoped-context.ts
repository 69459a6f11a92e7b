import type { FactoryProvider, Type } from './metadata/types.js';
import { ContainerError } from './errors/container.error.js';
import { MESSAGE_SCOPE, type MessageScope } from './container/message-scope.js';

/**
 * The provider that makes a handled message's context (`MessageContext` on NATS, `HttpContext`
 * for HTTP routes) injectable into message-scoped providers.
 */
export function contextProvider<T extends object>(cls: Type<T>, kind: 'NATS handler' | 'HTTP route'): FactoryProvider<T> {
  return {
    provide: cls,
    scope: 'message',
    inject: [MESSAGE_SCOPE],
    useFactory: ((scope: MessageScope): T => {
      if (scope.context instanceof cls) return scope.context;
      const got = scope.context === undefined ? 'no message (moduleRef.resolve() was called without a context)' : `a ${scope.context.constructor.name}`;
      throw new ContainerError('scope', `${cls.name} is injected only while a ${kind} handles a message; this resolution is for ${got}`);
    }) as never,
  };
}
