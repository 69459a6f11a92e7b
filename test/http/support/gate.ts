/** A promise the test opens by hand: lets a handler wait until the test says go. */
export interface Gate { readonly promise: Promise<void>; open(): void }

export function gate(): Gate {
  let open!: () => void;
  const promise = new Promise<void>((resolve) => { open = resolve; });
  return { promise, open };
}
