import type { Type } from '../metadata/types.js';
import type { Schedule } from './schedules.js';

/** One scheduled method of one instance, as the task scanner found and validated it. */
export interface TaskDefinition {
  /** `ClassName.method`, or the `name` option. */
  readonly name: string;
  readonly cls: Type;
  readonly method: string;
  readonly schedule: Schedule;
  readonly overlap: boolean;
  /** Calls the method on its instance. */
  readonly invoke: () => unknown;
}
