import { INJECT_TOKENS, OPTIONAL_PARAMS } from '../metadata/injectable.decorator.js';
import { designParamTypes, get } from '../metadata/reflect.js';
import { tokenName, type Token, type Type } from '../metadata/types.js';
import { ContainerError } from './container.errors.js';
import { isForwardRef } from '../metadata/forward-ref.js';

/** `forward`: named through `forwardRef()`, so the parameter receives a stand-in resolved on first use. */
export interface DepSpec { token: Token; optional: boolean; index: number; forward?: boolean }

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
    const given = explicit[i];
    if (isForwardRef(given)) {
      const target = given.forwardRef();
      if (target === undefined || target === null) {
        throw new ContainerError('no-metadata', `parameter #${i} of ${tokenName(cls)} is a forwardRef() whose function returns ${String(target)}: it must return the class or token, defined by the time the app is created`);
      }
      deps.push({ token: target, optional: optional[i] === true, index: i, forward: true });
      continue;
    }
    const token = given ?? types?.[i];
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
