import { Module } from '../metadata/module.decorator.js';
import type { DynamicModule } from '../metadata/types.js';
import type { ConfigModuleOptions } from './config-options.js';
import { loadConfig } from './load-config.js';

/**
 * Typed configuration: the environment (and an optional `.env` file, read with dotenv) read once
 * into a class validated with class-validator, injectable by its type. A bad configuration fails
 * `PaniniFactory.create()` with one `ConfigError` listing every missing or invalid variable.
 * @example
 * class Env {
 *   @IsString() NATS_URL!: string;
 *   @IsInt() @Min(1) PORT = 8080;
 * }
 * @Module({ imports: [ConfigModule.forRoot({ schema: Env })] })
 * export class AppModule {}
 * // constructor(private readonly env: Env) {}
 */
@Module({})
export class ConfigModule {
  static forRoot<T extends object>(options: ConfigModuleOptions<T>): DynamicModule {
    return {
      module: ConfigModule,
      global: options.global !== false,
      providers: [{ provide: options.schema, useFactory: () => loadConfig(options) }],
      exports: [options.schema],
    };
  }
}
