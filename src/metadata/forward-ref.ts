/** A reference read later, once every file has loaded: what `forwardRef()` returns. */
export interface ForwardReference<T = unknown> { readonly forwardRef: () => T }

/**
 * Names a module or a provider that is not defined yet where it is written, for two cycles:
 * modules in two files that import each other (`imports: [forwardRef(() => UsersModule)]`),
 * and constructor dependencies that form a cycle (`@Inject(forwardRef(() => UsersService))`).
 * A constructor parameter given this way receives a stand-in that resolves the provider on
 * first use: do not use it in the constructor, only later (a cycle through a property).
 * @example
 * @Injectable()
 * export class OrdersService {
 *   constructor(@Inject(forwardRef(() => UsersService)) private readonly users: UsersService) {}
 * }
 */
export function forwardRef<T>(fn: () => T): ForwardReference<T> {
  return { forwardRef: fn };
}

export function isForwardRef(value: unknown): value is ForwardReference {
  return typeof value === 'object' && value !== null && typeof (value as ForwardReference).forwardRef === 'function';
}

/**
 * Wraps the type of a `forwardRef()` constructor parameter so the compiler emits no reference to
 * the class in its decorator metadata: in ES modules that reference runs while the file loads,
 * before a class declared later (or in a file that imports this one) exists, and fails with
 * "Cannot access 'X' before initialization". TypeORM's `Relation<T>` serves the same purpose.
 * @example
 * constructor(@Inject(forwardRef(() => UsersService)) private readonly users: Forward<UsersService>) {}
 */
export type Forward<T> = T;
