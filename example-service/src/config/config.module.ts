import { Module, type DynamicModule } from '@panini/core';
import { ConfigModule } from '@panini/core/config';
import { SERVICE_CONFIG, toServiceConfig, type ServiceConfig } from './service-config.js';
import { ServiceEnv } from './service-env.js';

/**
 * Makes the configuration injectable everywhere: `ServiceEnv` (the checked variables) and
 * `@Inject(SERVICE_CONFIG) config: ServiceConfig` (what the service works with).
 */
@Module({})
export class ServiceConfigModule {
  /** From the environment and `.env`, checked by Panini's ConfigModule when the app is created. */
  static forRoot(): DynamicModule {
    return {
      module: ServiceConfigModule,
      global: true,
      imports: [ConfigModule.forRoot({ schema: ServiceEnv })],
      providers: [{ provide: SERVICE_CONFIG, useFactory: toServiceConfig, inject: [ServiceEnv] }],
      exports: [SERVICE_CONFIG],
    };
  }

  /** A given configuration (tests). */
  static forValue(config: ServiceConfig): DynamicModule {
    return { module: ServiceConfigModule, global: true, providers: [{ provide: SERVICE_CONFIG, useValue: config }], exports: [SERVICE_CONFIG] };
  }
}
