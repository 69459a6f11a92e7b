import type { DynamicModule, Provider, Scope, Token, Type } from '../metadata/types.js';

/** One provider as declared by a module, normalised. */
export type ProviderDef =
  | { kind: 'class'; token: Token; useClass: Type; scope: Scope }
  | { kind: 'value'; token: Token; value: unknown }
  | { kind: 'factory'; token: Token; factory: (...deps: never[]) => unknown; inject: Array<{ token: Token; optional: boolean }>; scope: Scope }
  | { kind: 'existing'; token: Token; existing: Token };

/** A module after scanning: plain data, no Reflect. */
export interface ModuleNode {
  /** The module class (a dynamic module keeps its class here). */
  readonly cls: Type;
  /** Unique per module instance: a dynamic module imported twice with the same object is one node. */
  readonly id: number;
  readonly name: string;
  readonly global: boolean;
  readonly imports: ModuleNode[];
  readonly controllers: Type[];
  readonly providers: ProviderDef[];
  /** Exported tokens, and imported modules it re-exports. */
  readonly exportTokens: Token[];
  readonly exportModules: ModuleNode[];
  readonly dynamic?: DynamicModule;
}

export type { Provider };
