/** Links `(ctx, next)` functions into one; the first is the outermost. Built once per handler. */
export function compose<C>(fns: Array<(ctx: C, next: () => Promise<unknown>) => unknown>): ((ctx: C, last: () => Promise<unknown>) => Promise<unknown>) | undefined {
  if (fns.length === 0) return undefined;
  return (ctx, last) => {
    const dispatch = async (i: number): Promise<unknown> => {
      if (i === fns.length) return last();
      let called = false;
      return fns[i]!(ctx, () => {
        if (called) return Promise.reject(new Error('next() called more than once in one middleware'));
        called = true;
        return dispatch(i + 1);
      });
    };
    return dispatch(0);
  };
}
