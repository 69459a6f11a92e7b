// app.module.ts
import { Controller, Module, Subject } from '../../../src/index.js';
import { ConfigModule } from '../../../src/config/index.js';
import { EnvConfig } from './env.config.js';

@Controller('settings')
export class SettingsController {
  constructor(private readonly env: EnvConfig) {}

  @Subject('get')
  get() { return { port: this.env.HTTP_PORT, audit: this.env.AUDIT_ENABLED, region: this.env.REGION ?? 'default' }; }
}

@Module({
  imports: [ConfigModule.forRoot({ schema: EnvConfig, envFilePath: process.env['ENV_FILE'] ?? '.env' })],
  controllers: [SettingsController],
})
export class AppModule {}
