import type { Type } from '../metadata/types.js';

/** What `ConfigModule.forRoot()` takes. */
export interface ConfigModuleOptions<T extends object> {
  /**
   * The class the variables are read into: one property per variable, named as the variable,
   * with class-validator rules. Strings become numbers, booleans and dates by the property's
   * declared type (`PORT=8080` -> `8080`): write the type even with a default (`PORT: number = 8080`),
   * since TypeScript records no type for an inferred one. A property with no rule is not read.
   */
  schema: Type<T>;
  /**
   * A `.env` file (path relative to the working directory) read with dotenv when it exists; a
   * missing file is not an error. Variables set in the environment win over the file.
   * `false` reads no file. Default `'.env'`.
   */
  envFilePath?: string | false;
  /** Where variables come from instead of `process.env` (tests). */
  env?: Record<string, string | undefined>;
  /** Makes the config class injectable in every module without importing ConfigModule. Default true. */
  global?: boolean;
}
