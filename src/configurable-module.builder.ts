import type { DynamicModule, Token, Type } from './metadata/types.js';
import { tokenName } from './metadata/types.js';
import { ContainerError } from './errors/container.error.js';
import { compileValidator, DEFAULT_VALIDATION, ValidationFailedError } from './pipeline/validation.js';

/** What `forRootAsync()` takes: modules to import for the factory's dependencies, their tokens, and the factory. */
export interface AsyncModuleOptions<O> {
  imports?: DynamicModule['imports'];
  inject?: Token[];
  // the factory's parameters are the `inject` tokens' values, typed by the caller
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  useFactory: (...deps: any[]) => O | Promise<O>;
  /** Makes the module's exports visible to every module. */
  global?: boolean;
}

/** The class a library module extends: `forRoot()` and `forRootAsync()` returning the module configured. */
export interface ConfigurableModuleClass<O> {
  /** The module with `options`, checked when the app is created. */
  forRoot(options: O, extras?: { global?: boolean }): DynamicModule;
  /** The module with options made by a factory from other providers, checked when the app is created. */
  forRootAsync(options: AsyncModuleOptions<O>): DynamicModule;
}

export interface ConfigurableModuleParts<O> {
  /** Extend it: `export class MailModule extends ConfigurableModuleClass {}`. */
  ConfigurableModuleClass: (new () => object) & ConfigurableModuleClass<O>;
  /** The token of the checked options: `@Inject(MODULE_OPTIONS_TOKEN) opts: MailOptions`. */
  MODULE_OPTIONS_TOKEN: symbol;
}

export interface ConfigurableModuleBuilderOptions<O> {
  /** Used in the token's description and in errors (defaults to 'module'). */
  name?: string;
  /**
   * How the options are checked when the app is created: a class with class-validator rules
   * (every bad field listed in one error), or a function that throws.
   */
  validate?: Type<O> | ((options: O) => void);
}

/**
 * Makes the `forRoot(options)` / `forRootAsync({ imports, inject, useFactory })` pair of a library
 * module in a few lines, NestJS's `ConfigurableModuleBuilder` reduced to what Panini's modules need.
 * The options are validated while the app is created (`PaniniFactory.create`, `compile()`), before
 * anything connects; a failure is a ContainerError (`invalid-provider`) naming the module and every bad field.
 * @example
 * export const { ConfigurableModuleClass, MODULE_OPTIONS_TOKEN } =
 *   new ConfigurableModuleBuilder<MailOptions>({ name: 'MailModule', validate: MailOptions }).build();
 * @Module({ providers: [Mailer], exports: [Mailer] })
 * export class MailModule extends ConfigurableModuleClass {}
 * // MailModule.forRootAsync({ imports: [ConfigModule.forRoot({ schema: Env })], inject: [Env], useFactory: (env: Env) => ({ host: env.SMTP_HOST }) })
 */
export class ConfigurableModuleBuilder<O> {
  constructor(private readonly options: ConfigurableModuleBuilderOptions<O> = {}) {}

  build(): ConfigurableModuleParts<O> {
    const name = this.options.name ?? 'module';
    const token = Symbol(`${name} options`);
    const check = checker(name, this.options.validate);

    class ConfigurableModule {
      static forRoot(this: Type, options: O, extras: { global?: boolean } = {}): DynamicModule {
        return { module: this, global: extras.global === true, providers: [{ provide: token, useFactory: () => check(options) }], exports: [token] };
      }

      static forRootAsync(this: Type, async: AsyncModuleOptions<O>): DynamicModule {
        if (typeof async?.useFactory !== 'function') {
          throw new ContainerError('invalid-provider', `${name}.forRootAsync() needs a useFactory function (with the tokens it takes in inject)`);
        }
        return {
          module: this,
          global: async.global === true,
          imports: async.imports ?? [],
          providers: [{ provide: token, inject: async.inject ?? [], useFactory: async (...deps: unknown[]) => check(await async.useFactory(...deps)) }],
          exports: [token],
        };
      }
    }
    return { ConfigurableModuleClass: ConfigurableModule as unknown as ConfigurableModuleParts<O>['ConfigurableModuleClass'], MODULE_OPTIONS_TOKEN: token };
  }
}

function checker<O>(name: string, validate: ConfigurableModuleBuilderOptions<O>['validate']): (options: O) => O | Promise<O> {
  if (validate === undefined) return (o) => o;
  if (isClass(validate)) {
    const run = compileValidator(validate, { ...DEFAULT_VALIDATION, whitelist: false }, `${name} options`);
    return async (options) => {
      try {
        return (await run(options)) as O;
      } catch (err) {
        if (!ValidationFailedError.is(err)) throw err;
        const fields = err.errors.map((e) => `${e.path || '(root)'}: ${Object.values(e.constraints).join('; ')}`);
        throw new ContainerError('invalid-provider', `invalid options for ${name}: ${fields.join(', ')}`, { cause: err });
      }
    };
  }
  return (options) => {
    try {
      validate(options);
    } catch (err) {
      throw new ContainerError('invalid-provider', `invalid options for ${name}: ${(err as Error).message}`, { cause: err });
    }
    return options;
  };
}

function isClass(v: unknown): v is Type {
  return typeof v === 'function' && /^class[\s{]/.test(Function.prototype.toString.call(v));
}

