import { brandFor, hasBrand, setBrand } from '../errors/brand.js';

export type TestingErrorKind =
  /** `waitFor`, `waitForCount` or `settle` passed its deadline. */
  | 'timeout'
  /** `overrideProvider(T)` named a token no module of the test declares. */
  | 'unknown-override'
  /** `triggerTask` without a scheduler, or with a task name it does not know. */
  | 'no-scheduler'
  /** The testing module could not be compiled; the message says how to fix it. */
  | 'compile'
  /** `app.jetstream` on an app that does not run on the memory broker. */
  | 'no-jetstream';

const BRAND = brandFor('TestingError');

/** Every failure of the testing kit itself. `kind` lets callers branch; the message says what to do. */
export class TestingError extends Error {
  static {
    setBrand(this, BRAND);
  }

  /** True for a TestingError from any installed copy of Panini. */
  static is(value: unknown): value is TestingError {
    return hasBrand(value, BRAND);
  }

  constructor(readonly kind: TestingErrorKind, message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'TestingError';
  }
}
