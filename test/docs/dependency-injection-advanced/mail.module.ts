// mail.module.ts
import { IsInt, IsString, Max, Min } from 'class-validator';
import { ConfigurableModuleBuilder, Inject, Injectable, Module } from '../../../src/index.js';

export class MailOptions {
  @IsString() host!: string;
  @IsInt() @Min(1) @Max(65535) port!: number;
}

export const { ConfigurableModuleClass, MODULE_OPTIONS_TOKEN: MAIL_OPTIONS } =
  new ConfigurableModuleBuilder<MailOptions>({ name: 'MailModule', validate: MailOptions }).build();

@Injectable()
export class Mailer {
  constructor(@Inject(MAIL_OPTIONS) private readonly options: MailOptions) {}
  server(): string { return `smtp://${this.options.host}:${this.options.port}`; }
}

@Module({ providers: [Mailer], exports: [Mailer] })
export class MailModule extends ConfigurableModuleClass {}
