// app.module.ts
import { IsInt, IsString } from 'class-validator';
import { Controller, Module, Subject } from '../../../src/index.js';
import { ConfigModule } from '../../../src/config/index.js';
import { MailModule, Mailer } from './mail.module.js';

export class Env {
  @IsString() SMTP_HOST!: string;
  @IsInt() SMTP_PORT: number = 25;
}

@Controller('mail')
export class MailController {
  constructor(private readonly mailer: Mailer) {}
  @Subject('server') server(): string { return this.mailer.server(); }
}

@Module({
  imports: [
    ConfigModule.forRoot({ schema: Env }),
    MailModule.forRootAsync({ inject: [Env], useFactory: (env: Env) => ({ host: env.SMTP_HOST, port: env.SMTP_PORT }) }),
  ],
  controllers: [MailController],
})
export class AppModule {}
