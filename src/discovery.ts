import type { Token, Type } from './metadata/types.js';

export interface DiscoveredInstance {
  token: Token;
  /** The class the instance was made from, when it was made from a class. */
  cls: Type | undefined;
  instance: unknown;
  module: string;
  isController: boolean;
}

/**
 * Lists every singleton provider and controller with its instance, once the app is created.
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
