import { ContainerError } from './container/container.errors.js';
import type { BuiltContainer } from './container/container-builder.js';
import type { PlacedComponent } from './app-component.js';
import { servedByOf } from './metadata/served-by.decorator.js';

/**
 * The start-up error for a controller served by an optional component (`@HttpController`) the
 * app does not start, naming the class, its module and what to import; undefined when every
 * such controller has its component. Checked at start, not at create, so tools that only read
 * an app's metadata (`panini info`) still describe it.
 */
export function unservedControllerError(controllers: BuiltContainer['controllers'], components: readonly PlacedComponent[]): ContainerError | undefined {
  const present = new Set(components.map((c) => c.name));
  for (const { cls, module } of controllers) {
    const need = servedByOf(cls);
    if (need !== undefined && !present.has(need.component)) {
      return new ContainerError('invalid-module', `${cls.name} in the controllers of ${module.name} is served by the ${need.component}, which this app does not start: ${need.hint}`);
    }
  }
  return undefined;
}
