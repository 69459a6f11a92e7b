import { endScope } from './message-scope.js';

type Method = (...a: unknown[]) => unknown;
interface Args<C> { resolvers: ReadonlyArray<(ctx: C) => unknown> }

const isThenable = (v: unknown): v is PromiseLike<unknown> =>
  v !== null && typeof v === 'object' && typeof (v as { then?: unknown }).then === 'function';

/**
 * The invocation of a handler whose controller is made per message: the context travels as one
 * more argument (so the runner stays as it is), the controller of that message is resolved, the
 * method runs, and the scope ends (`onMessageEnd()`) when it has returned or thrown.
 */
export function perMessage<C extends object, A extends Args<C>>(args: A & Args<C>, method: string, resolve: (ctx: C) => unknown): { args: A; invoke: Method } {
  const withCtx = { ...args, resolvers: [...args.resolvers, (ctx: C) => ctx] } as A;
  const invoke: Method = (...given) => {
    const ctx = given.pop() as C;
    let result: unknown;
    try {
      const instance = resolve(ctx) as Record<string, Method>;
      result = instance[method]!(...given);
    } catch (err) {
      return endAfterFailure(ctx, err);
    }
    if (isThenable(result)) return Promise.resolve(result).then((r) => end(ctx, r), (err: unknown) => endAfterFailure(ctx, err));
    return end(ctx, result);
  };
  return { args: withCtx, invoke };
}

function end(ctx: object, result: unknown): unknown {
  const ending = endScope(ctx);
  return ending === undefined ? result : ending.then(() => result);
}

/** The handler's error wins over one thrown by `onMessageEnd()`. */
function endAfterFailure(ctx: object, err: unknown): never | Promise<never> {
  const ending = endScope(ctx);
  if (ending === undefined) throw err;
  return ending.then(() => { throw err; }, () => { throw err; });
}
