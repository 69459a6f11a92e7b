import { Module, type DynamicModule } from '@panini/core';
import { SERVICE_CONFIG, type ServiceConfig } from './service-config.js';

/** Makes the ServiceConfig injectable everywhere: `@Inject(SERVICE_CONFIG) config: ServiceConfig`. */
@Module({})
export class ConfigModule {
  static forRoot(config: ServiceConfig): DynamicModule {
    return { module: ConfigModule, global: true, providers: [{ provide: SERVICE_CONFIG, useValue: config }], exports: [SERVICE_CONFIG] };
  }
}
