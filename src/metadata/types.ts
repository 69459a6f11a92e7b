import type { ForwardReference } from './forward-ref.js';

/** A class constructor. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Type<T = unknown> = new (...args: any[]) => T;

/** Anything that can name a provider: a class, a string or a symbol. */
export type Token<T = unknown> = Type<T> | string | symbol | AbstractToken<T>;

/** An abstract class used as a token (cannot be `new`-ed). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AbstractToken<T> = abstract new (...args: any[]) => T;

/**
 * How often a provider is made: once per app (`singleton`, the default), at every injection
 * (`transient`), or once per handled message, NATS or HTTP, shared by everything resolved for that
 * message (`message`, NestJS's request scope).
 */
export type Scope = 'singleton' | 'transient' | 'message';

export interface ClassProvider<T = unknown> { provide: Token<T>; useClass: Type<T>; scope?: Scope }
export interface ValueProvider<T = unknown> { provide: Token<T>; useValue: T }
export interface FactoryProvider<T = unknown> {
  provide: Token<T>;
  useFactory: (...deps: never[]) => T | Promise<T>;
  inject?: Array<Token | { token: Token; optional: true }>;
  scope?: Scope;
}
export interface ExistingProvider<T = unknown> { provide: Token<T>; useExisting: Token<T> }

export type Provider<T = unknown> = Type<T> | ClassProvider<T> | ValueProvider<T> | FactoryProvider<T> | ExistingProvider<T>;

/** What `@Module()` takes; a dynamic module returns the same shape plus `module`. */
export interface ModuleMetadata {
  /** Modules whose exports this module uses; `forwardRef(() => M)` for one not defined yet (two modules importing each other). */
  imports?: Array<Type | DynamicModule | Promise<DynamicModule> | ForwardReference<Type>>;
  controllers?: Type[];
  providers?: Provider[];
  /** Tokens (or whole imported modules) this module makes visible to its importers. */
  exports?: Array<Token | Type | DynamicModule | ForwardReference<Type>>;
}

/**
 * A module configured at import time, returned by a static `forRoot()`.
 * @example
 * static forRoot(opts: Opts): DynamicModule {
 *   return { module: ConfigModule, providers: [{ provide: OPTS, useValue: opts }], exports: [OPTS] };
 * }
 */
export interface DynamicModule extends ModuleMetadata {
  module: Type;
  global?: boolean;
}

export function tokenName(token: unknown): string {
  if (typeof token === 'function') return token.name || '<anonymous class>';
  if (typeof token === 'symbol') return token.toString();
  if (typeof token === 'string') return `'${token}'`;
  return String(token);
}
