import type { Token, Type } from './metadata/types.js';

export interface DiscoveredInstance {
  token: Token;
  /** The class the instance was made from, when it was made from a class. */
  cls: Type | undefined;
  instance: unknown;
  module: string;
  isController: boolean;
  /**
   * Set for a controller made once per handled message (it depends on a message-scoped
   * provider): `instance` is undefined and this makes the controller of one message, given that
   * message's context (a `MessageContext` or `HttpContext`).
   */
  perMessage?: (context: object) => unknown;
}

/**
 * Lists every singleton provider and controller with its instance, once the app is created
 * (a message-scoped controller with `perMessage` instead).
 * Optional parts (the scheduler, the HTTP module) use it to find decorated methods.
 */
export class DiscoveryService {
  private items: DiscoveredInstance[] = [];

  /** Called once by the factory. */
  setInstances(items: DiscoveredInstance[]): void {
    this.items = items;
  }

  all(): readonly DiscoveredInstance[] {
    return this.items;
  }

  controllers(): readonly DiscoveredInstance[] {
    return this.items.filter((i) => i.isController);
  }
}
