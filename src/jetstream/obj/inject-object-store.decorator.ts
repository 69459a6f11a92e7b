import { Inject } from '../../index.js';

/** The token of the `ObjectBucket` handle of object store `name` (`Symbol.for`: shared by installed copies). */
export function objectStoreToken(name: string): symbol {
  return Symbol.for(`@panini/core/object-store/${name}`);
}

/**
 * Injects the handle of an object store declared in `JetStreamModule.forRoot({ objectStores })`.
 * @example
 * constructor(@InjectObjectStore('invoices') private readonly invoices: ObjectBucket) {}
 */
export function InjectObjectStore(name: string): ParameterDecorator {
  if (typeof name !== 'string' || name === '') throw new TypeError('@InjectObjectStore(name) needs the name of a declared object store');
  return Inject(objectStoreToken(name));
}
