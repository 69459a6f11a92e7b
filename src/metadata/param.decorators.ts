import { get, metaKey, set } from './reflect.js';
import type { Type } from './types.js';

export type ParamKind = 'payload' | 'headers' | 'param' | 'ctx' | 'query' | 'req' | 'res';

export interface ParamMetadata {
  index: number;
  kind: ParamKind;
  /** A header name, a subject token name or a route parameter name. */
  name?: string;
  /** An explicit type (DTO class, or `[ItemDto]` for arrays) where metadata cannot express it. */
  type?: Type | [Type];
}

export const PARAMS = metaKey<ParamMetadata[]>('params');

export function addParam(target: object, key: string | symbol | undefined, meta: ParamMetadata): void {
  const prop = String(key);
  const list = [...(get(PARAMS, target, prop) ?? [])].filter((p) => p.index !== meta.index);
  list.push(meta);
  set(PARAMS, list, target, prop);
}

/** Reads the message body, decoded by the handler's codec (and validated when typed with a DTO). */
export function Payload(type?: Type | [Type]): ParameterDecorator {
  return (target, key, index) => addParam(target, key, { index, kind: 'payload', type });
}

/** All message headers as a record, or one header's value with a name. */
export function Headers(name?: string): ParameterDecorator {
  return (target, key, index) => addParam(target, key, { index, kind: 'headers', name });
}

/** A named subject token (`orders.{id}`), or an HTTP route parameter. Without a name, all of them. */
export function Param(name?: string): ParameterDecorator {
  return (target, key, index) => addParam(target, key, { index, kind: 'param', name });
}

/** The `MessageContext`: subject, reply subject, headers, raw message, reply headers. */
export function Ctx(): ParameterDecorator {
  return (target, key, index) => addParam(target, key, { index, kind: 'ctx' });
}

export function paramsOf(cls: Type, method: string): ParamMetadata[] {
  return [...(get(PARAMS, cls.prototype as object, method) ?? [])].sort((a, b) => a.index - b.index);
}
