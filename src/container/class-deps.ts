import { INJECT_TOKENS, OPTIONAL_PARAMS } from '../metadata/injectable.decorator.js';
import { designParamTypes, get } from '../metadata/reflect.js';
import { tokenName, type Token, type Type } from '../metadata/types.js';
import { ContainerError } from './container.errors.js';

export interface DepSpec { token: Token; optional: boolean; index: number }

const NOT_TOKENS = new Set<unknown>([Object, String, Number, Boolean, Array, Function, Promise, Symbol, undefined]);

/** The constructor dependencies of a class: `@Inject` tokens first, then emitted parameter types. */
export function classDeps(cls: Type): DepSpec[] {
  const explicit = get(INJECT_TOKENS, cls) ?? {};
  const optional = get(OPTIONAL_PARAMS, cls) ?? {};
  const types = designParamTypes(cls);
  const maxExplicit = Math.max(-1, ...Object.keys(explicit).map(Number), ...Object.keys(optional).map(Number));
  const count = Math.max(types?.length ?? 0, cls.length, maxExplicit + 1);
  const deps: DepSpec[] = [];
  for (let i = 0; i < count; i++) {
    const token = explicit[i] ?? types?.[i];
    if (explicit[i] === undefined && types === undefined) {
      throw new ContainerError(
        'no-metadata',
        `${tokenName(cls)} has ${count} constructor parameter(s) but no type metadata, so Panini cannot tell what to inject. ` +
          `Decorate the class with @Injectable() (or @Controller()) and compile with "experimentalDecorators" and "emitDecoratorMetadata" (tsc, or SWC with decoratorMetadata; ` +
          `esbuild-based tools such as tsx, Vite and Vitest drop this metadata), or name each dependency with @Inject(token).`,
      );
    }
    if (NOT_TOKENS.has(token)) {
      throw new ContainerError(
        'no-metadata',
        `parameter #${i} of ${tokenName(cls)} has no injectable type (${token === undefined ? 'undefined: a circular file import?' : tokenName(token)}). ` +
          `Interfaces, unions and primitives vanish at run time: name the dependency with @Inject(token).`,
      );
    }
    deps.push({ token: token as Token, optional: optional[i] === true, index: i });
  }
  return deps;
}
