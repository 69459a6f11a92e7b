import { get, metaKey, set } from './reflect.js';
import type { Scope, Token } from './types.js';
import type { ForwardReference } from './forward-ref.js';

export interface InjectableOptions { scope?: Scope }

export const INJECTABLE = metaKey<InjectableOptions>('injectable');
/** Constructor parameter index -> explicit token. */
export const INJECT_TOKENS = metaKey<Record<number, Token | ForwardReference<Token>>>('inject');
export const OPTIONAL_PARAMS = metaKey<Record<number, true>>('optional');

/**
 * Marks a class as a provider. TypeScript only emits constructor types for decorated classes,
 * so this decorator is what makes injection by type work.
 * @example
 * @Injectable()
 * export class OrdersService { constructor(private readonly repo: OrdersRepo) {} }
 */
export function Injectable(options: InjectableOptions = {}): ClassDecorator {
  return (target) => set(INJECTABLE, options, target);
}

/**
 * Injects by token instead of by type: `constructor(@Inject(CONFIG) cfg: Config)`. A
 * `forwardRef(() => Other)` breaks a constructor cycle (see `forwardRef`).
 */
export function Inject(token: Token | ForwardReference<Token>): ParameterDecorator {
  return (target, _key, index) => {
    const map = { ...(get(INJECT_TOKENS, target) ?? {}) };
    map[index] = token;
    set(INJECT_TOKENS, map, target);
  };
}

/** The parameter receives `undefined` instead of failing start-up when nothing provides it. */
export function Optional(): ParameterDecorator {
  return (target, _key, index) => {
    const map = { ...(get(OPTIONAL_PARAMS, target) ?? {}) };
    map[index] = true;
    set(OPTIONAL_PARAMS, map, target);
  };
}
