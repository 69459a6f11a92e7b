import type { ValidatorOptions } from 'class-validator';

/**
 * How DTOs are checked: class-validator's options plus class-transformer's conversion switch.
 * Defaults protect a service: `whitelist: true`, `forbidUnknownValues: true`,
 * `enableImplicitConversion: false`.
 */
export interface ValidationOptions extends ValidatorOptions {
  /** Let class-transformer convert types from the declared property types ('1' -> 1). */
  enableImplicitConversion?: boolean;
  /** Turn validation off (the body is still turned into the DTO class). */
  disabled?: boolean;
  /**
   * Deepest nesting of arrays/objects a JSON body may have (default 64); deeper bodies are
   * answered 400 before they are parsed, since a deep value exhausts the stack while it is
   * validated or encoded.
   */
  maxDepth?: number;
}
