import type { MessageContext } from '../../index.js';
import type { KvOperation } from './kv-bucket.js';

/** What a `@KvWatch` handler's context carries about the change (without the value: that is the payload). */
export interface KvChangeInfo {
  readonly bucket: string;
  readonly key: string;
  readonly revision: number;
  readonly operation: KvOperation;
  readonly created: Date;
  /** True for a current value delivered first (`initial: true`), false for a change after the watch began. */
  readonly initial: boolean;
}

const CHANGE = Symbol('kv-change');

/** Wraps a change as the `raw` of a watch message. */
export function asRaw(info: KvChangeInfo): object {
  return { [CHANGE]: info };
}

/**
 * The change a `@KvWatch` handler is running for; undefined in any other handler.
 * @example
 * @KvWatch('carts') onCart(@Payload() cart: Cart | undefined, @Ctx() ctx: MessageContext) { const { key, revision, operation } = kvChangeOf(ctx)!; }
 */
export function kvChangeOf(ctx: MessageContext): KvChangeInfo | undefined {
  return changeIn(ctx.raw);
}

/** The change a watch message's `raw` carries. */
export function changeIn(raw: unknown): KvChangeInfo | undefined {
  return (raw as Record<symbol, KvChangeInfo> | undefined)?.[CHANGE];
}
