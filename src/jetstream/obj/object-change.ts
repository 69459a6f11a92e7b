import type { MessageContext } from '../../index.js';
import type { ObjectOperation } from './object-watch.decorator.js';

/** What an `@ObjectWatch` handler's context carries about the change (the metadata is the payload). */
export interface ObjectChangeInfo {
  /** The object store. */
  readonly store: string;
  /** The object's name. */
  readonly name: string;
  /** The stream sequence of the object's metadata entry: grows with every change of the store. */
  readonly revision: number;
  readonly operation: ObjectOperation;
  /** True for an object that existed when the watch began (`initial: true`), false for a change after. */
  readonly initial: boolean;
}

const CHANGE = Symbol('object-change');

/** Wraps a change as the `raw` of a watch message. */
export function asRaw(info: ObjectChangeInfo): object {
  return { [CHANGE]: info };
}

/**
 * The change an `@ObjectWatch` handler is running for; undefined in any other handler.
 * @example
 * @ObjectWatch('invoices') onInvoice(@Payload() meta: ObjectMeta, @Ctx() ctx: MessageContext) { const { name, operation } = objectChangeOf(ctx)!; }
 */
export function objectChangeOf(ctx: MessageContext): ObjectChangeInfo | undefined {
  return changeIn(ctx.raw);
}

/** The change a watch message's `raw` carries. */
export function changeIn(raw: unknown): ObjectChangeInfo | undefined {
  return (raw as Record<symbol, ObjectChangeInfo> | undefined)?.[CHANGE];
}
