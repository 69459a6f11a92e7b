import { tokenName, type Token, type Type } from '../metadata/types.js';
import { ContainerError } from '../errors/container.error.js';
import { detachedScope, scopeOf, type MessageScope } from './message-scope.js';

/** What a module's reference needs from the built container. */
export interface ModuleResolver {
  readonly module: string;
  /** The module's own provider of `token` (strict), or any module's (`anywhere`). */
  find(token: Token, where: 'own' | 'anywhere'): { id: symbol; singleton: boolean } | undefined;
  /** A provider as the module sees it (own, imported, global). */
  visible(token: Token): { id: symbol } | undefined;
  instance(id: symbol, scope: MessageScope | undefined): unknown;
  deps(cls: Type): Array<{ token: Token; optional: boolean; index: number }>;
}

/**
 * The module a class is declared in, as an injectable: resolve providers by token at run time
 * and build classes that are not providers. NestJS's `ModuleRef`.
 * @example
 * @Injectable()
 * export class PaymentsService {
 *   constructor(private readonly moduleRef: ModuleRef) {}
 *   gateway(kind: 'card' | 'bank') { return this.moduleRef.get(kind === 'card' ? CardGateway : BankGateway); }
 * }
 */
export class ModuleRef {
  /** @internal */
  constructor(private readonly r: ModuleResolver) {}

  /**
   * A singleton provider. `strict` (the default) looks in this module's own providers only;
   * `{ strict: false }` in every module of the app.
   * @throws ContainerError `unknown-token` when nothing provides `token` there; `scope` when the
   *   provider is transient or message-scoped (use `resolve()`).
   */
  get<T>(token: Token<T>, options: { strict?: boolean } = {}): T {
    const strict = options.strict !== false;
    const found = this.r.find(token, strict ? 'own' : 'anywhere');
    if (found === undefined) {
      const where = strict ? `module ${this.r.module} (strict; pass { strict: false } to look in every module)` : 'any module of the app';
      throw new ContainerError('unknown-token', `moduleRef.get(): ${tokenName(token)} is not provided in ${where}`);
    }
    if (!found.singleton) {
      throw new ContainerError('scope', `moduleRef.get(): ${tokenName(token)} is transient or message-scoped, so there is no one instance to get: use await moduleRef.resolve(${tokenName(token)})`);
    }
    return this.r.instance(found.id, undefined) as T;
  }

  /**
   * Resolves a provider visible to this module, making transient and message-scoped ones. Given a
   * handled message's context (`@Ctx()`, a `MessageContext` or an `HttpContext`), message-scoped
   * providers are those of that message; without one, a fresh scope is made for this call.
   * @throws ContainerError `unknown-token` when the module cannot see `token`.
   */
  async resolve<T>(token: Token<T>, context?: object): Promise<T> {
    const found = this.r.visible(token);
    if (found === undefined) throw new ContainerError('unknown-token', `moduleRef.resolve(): ${tokenName(token)} is not visible in module ${this.r.module}: provide it there or import a module that exports it`);
    return this.r.instance(found.id, context === undefined ? detachedScope() : scopeOf(context)) as T;
  }

  /**
   * Builds `cls` with its constructor dependencies taken from this module's view, without
   * registering it: a new instance per call.
   * @throws ContainerError `missing-provider` naming the parameter nothing provides.
   */
  async create<T>(cls: Type<T>, context?: object): Promise<T> {
    const scope = context === undefined ? detachedScope() : scopeOf(context);
    const args = this.r.deps(cls).map((d) => {
      const found = this.r.visible(d.token);
      if (found !== undefined) return this.r.instance(found.id, scope);
      if (d.optional) return undefined;
      throw new ContainerError('missing-provider', `moduleRef.create(${cls.name}): parameter #${d.index} (${tokenName(d.token)}) is not provided in module ${this.r.module}`);
    });
    return new cls(...args);
  }
}
