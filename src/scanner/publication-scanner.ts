import { publicationsOf, type PublicationDefinition } from '../metadata/publishes.decorator.js';
import type { Type } from '../metadata/types.js';

/** A declared publication with the class that declared it. */
export interface ScannedPublication extends PublicationDefinition { readonly declaredBy: string }

/** Reads every `@Publishes` of the given classes (controllers, or any provider), in order. */
export function scanPublications(classes: readonly Type[]): ScannedPublication[] {
  return [...new Set(classes)].flatMap((cls) => publicationsOf(cls).map((p) => ({ ...p, declaredBy: cls.name })));
}
