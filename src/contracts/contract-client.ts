import type { ClientRequestOptions, NatsClient } from '../client/nats-client.js';
import type { MessageContext } from '../pipeline/message-context.js';
import type { HandlerDefinition } from '../scanner/handler-definition.js';
import { scanHandlers } from '../scanner/handler-scanner.js';
import type { HeaderRecord } from '../transport/transport.js';
import type { Type } from '../metadata/types.js';

/**
 * What a value looks like once it has crossed the wire as JSON: dates are strings, methods are
 * gone, class instances are plain objects.
 */
export type Wire<T> = T extends Date ? string
  : T extends string | number | boolean | null | undefined | void ? T
  : T extends ReadonlyArray<infer U> ? Array<Wire<U>>
  : T extends object ? { [K in keyof T as T[K] extends (...args: never[]) => unknown ? never : K]: Wire<T[K]> }
  : T;

/** The handler's parameters as a caller passes them: a trailing `@Ctx()` is filled by Panini, not sent. */
export type CallerArgs<P extends readonly unknown[]> = P extends readonly [...infer Head, infer Last]
  ? (Last extends MessageContext<infer _Payload> ? CallerArgs<Head> : P)
  : P;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Method = (...args: any[]) => unknown;
type Methods<C> = { [K in keyof C as C[K] extends Method ? K : never]: C[K] };

/** `client.for(Controller)`: each handler method, sent as a request, resolving with its typed reply. */
export type RequestClient<C> = {
  [K in keyof Methods<C>]: Methods<C>[K] extends (...args: infer P) => infer R ? (...args: CallerArgs<P>) => Promise<Wire<Awaited<R>>> : never;
};

/** `client.emit(Controller)`: each handler method, published as an event (no reply awaited). */
export type EventClient<C> = {
  [K in keyof Methods<C>]: Methods<C>[K] extends (...args: infer P) => unknown ? (...args: CallerArgs<P>) => void : never;
};

/** Per-call options of `for()` and `emit()`. */
export interface ContractCallOptions {
  /** Milliseconds to wait for a reply (default: the client's `requestTimeout`). */
  timeout?: number;
  /** Headers sent with every call, under the ones the handler declares with `@Headers(name)`. */
  headers?: HeaderRecord;
}

/** Where a call goes and what it carries, from the handler's decorators. */
interface Call { subject: string; payload: unknown; headers: HeaderRecord }

/** A token value must be one NATS subject token, or the message would go to another subject. */
const TOKEN = /^[^\s.*>]+$/;

function toCall(def: HandlerDefinition, args: readonly unknown[]): Call {
  const tokens: Record<string, string> = {};
  const headers: HeaderRecord = {};
  let payload: unknown = def.params.length === 0 ? args[0] : undefined;
  for (const p of def.params) {
    const v = args[p.index];
    if (p.kind === 'payload') payload = v;
    else if (p.kind === 'param' && p.name !== undefined) tokens[p.name] = String(v);
    else if (p.kind === 'headers' && p.name !== undefined && v !== undefined) headers[p.name] = String(v);
    else if (p.kind === 'headers' && v !== null && typeof v === 'object') Object.assign(headers, v);
  }
  const parts = def.pattern.split('.').map((part) => {
    const named = /^\{(.+)\}$/.exec(part)?.[1];
    if (named === undefined) {
      if (part === '*' || part === '>') throw new TypeError(`${def.name} listens on '${def.pattern}', whose wildcard the client cannot fill: publish with NatsClient to a concrete subject instead`);
      return part;
    }
    const value = tokens[named];
    if (value === undefined || !TOKEN.test(value)) {
      throw new TypeError(`${def.name}: the {${named}} token of '${def.pattern}' needs one subject token (no '.', '*', '>' or spaces), got ${JSON.stringify(value)}`);
    }
    return value;
  });
  return { subject: parts.join('.'), payload, headers };
}

const handlersOf = new WeakMap<Type, Map<string, HandlerDefinition>>();

function handlerOf(controller: Type, method: string): HandlerDefinition {
  let byMethod = handlersOf.get(controller);
  if (byMethod === undefined) {
    byMethod = new Map();
    // several @Subject on one method: the first one is where the client sends
    for (const def of scanHandlers([controller])) if (!byMethod.has(def.method)) byMethod.set(def.method, def);
    handlersOf.set(controller, byMethod);
  }
  const def = byMethod.get(method);
  if (def === undefined) throw new TypeError(`${controller.name}.${method} is not a @Subject handler, so the client has no subject for it`);
  return def;
}

function proxy<T>(controller: Type, call: (def: HandlerDefinition, args: unknown[]) => unknown): T {
  return new Proxy({}, {
    get: (_, key) => (typeof key === 'string' && key !== 'then' ? (...args: unknown[]) => call(handlerOf(controller, key), args) : undefined),
  }) as T;
}

/**
 * A client typed from the controller that serves the subjects, for callers in the same codebase:
 * the method name picks the subject, the arguments fill its `{tokens}`, its payload and its
 * declared headers, and the reply has the handler's return type (as JSON). A wrong method,
 * payload, token or reply type is a compile error.
 * @example
 * const orders = new ContractClient(nats).for(OrdersController);
 * const order = await orders.create({ customer, lines });   // Promise<Wire<Order>>
 * const same = await orders.get(order.id);                   // fills orders.{id}.get
 */
export class ContractClient {
  constructor(private readonly nats: NatsClient) {}

  /**
   * Requests: each method sends to its handler's subject and resolves with the reply.
   * Rejects like `NatsClient.request` (`RemoteError` with the code, `RequestTimeoutError`,
   * `NoRespondersError`); throws `TypeError` before sending for a token that is not one subject token.
   */
  for<C>(controller: Type<C>, options: ContractCallOptions = {}): RequestClient<C> {
    return proxy(controller, (def, args) => {
      let c: Call;
      try {
        c = toCall(def, args);
      } catch (err) {
        return Promise.reject(err as Error);
      }
      const request: ClientRequestOptions<unknown> = {
        headers: { ...options.headers, ...c.headers },
        ...(options.timeout !== undefined ? { timeout: options.timeout } : {}),
        ...(typeof def.options.codec === 'string' && def.options.codec !== 'json' ? { codec: def.options.codec } : {}),
      };
      return this.nats.request(c.subject, c.payload, request);
    });
  }

  /** Events: each method publishes to its handler's subject and returns at once. */
  emit<C>(controller: Type<C>, options: ContractCallOptions = {}): EventClient<C> {
    return proxy(controller, (def, args) => {
      const c = toCall(def, args);
      this.nats.publish(c.subject, c.payload, { headers: { ...options.headers, ...c.headers } });
    });
  }
}
