import { classDeps } from '../container/class-deps.js';
import { ContainerError } from '../container/container.errors.js';
import type { DiscoveryService } from '../discovery.js';
import { Logger } from '../logging/logger.js';
import { tokenName, type Type } from '../metadata/types.js';

/**
 * Builds guard, interceptor and filter classes named on HTTP routes: a class that is a provider
 * is taken from the container; any other is built once with singleton providers as its
 * constructor arguments (a `Logger` is named after the class).
 */
export class ExtensionFactory {
  private readonly made = new Map<Type, unknown>();

  constructor(private readonly discovery: DiscoveryService, private readonly log: Logger) {}

  readonly make = (cls: Type): unknown => {
    const known = this.made.get(cls);
    if (known !== undefined) return known;
    const all = this.discovery.all();
    const provided = all.find((i) => i.token === cls);
    const instance = provided
      ? provided.instance
      : new cls(...classDeps(cls).map((d) => {
        if (d.token === Logger) return this.log.child(cls.name);
        const dep = all.find((i) => i.token === d.token);
        if (dep) return dep.instance;
        if (d.optional) return undefined;
        throw new ContainerError('missing-provider', `cannot build ${cls.name} for an HTTP route: parameter #${d.index} (${tokenName(d.token)}) is not a singleton provider. Add ${tokenName(d.token)} to the providers of a module`);
      }));
    this.made.set(cls, instance);
    return instance;
  };
}
