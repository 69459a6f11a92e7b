import { getOwn, metaKey, set } from './reflect.js';
import type { Type } from './types.js';

/** Which app component answers a controller class, and how to add it when it is missing. */
export interface ServedBy {
  /** The `name` of the `PlacedComponent` that serves the class ('HTTP server'). */
  readonly component: string;
  /** The fix, for the start-up error: "import HttpModule.forRoot() from '@panini/core/http'". */
  readonly hint: string;
}

const SERVED_BY = metaKey<ServedBy>('served-by');

/**
 * Marks a controller class as served by an optional component rather than by NATS, so the app
 * can fail start-up when that component is not imported, instead of ignoring the class. For
 * capability decorators (`@HttpController` applies it); the core never names the capability.
 */
export function ServedBy(component: string, hint: string): ClassDecorator {
  return (target) => set(SERVED_BY, { component, hint }, target);
}

export function servedByOf(cls: Type): ServedBy | undefined {
  return getOwn(SERVED_BY, cls);
}
