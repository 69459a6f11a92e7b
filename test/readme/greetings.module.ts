// greetings.module.ts
import { Controller, Injectable, Logger, Module, NatsClient, Payload, ServiceError, Subject } from '../../src/index.js';

@Injectable()
export class GreetingService {
  private readonly counts = new Map<string, number>();
  greet(name: string): string {
    const n = (this.counts.get(name) ?? 0) + 1;
    this.counts.set(name, n);
    return `hello ${name} (#${n})`;
  }
}

@Controller('greetings')
export class GreetingsController {
  constructor(
    private readonly greetings: GreetingService,
    private readonly nats: NatsClient,
    private readonly log: Logger,
  ) {}

  // request/reply on greetings.say: the return value is the reply
  @Subject('say')
  say(@Payload() body: { name?: string }) {
    if (!body?.name) throw new ServiceError(400, 'name is required');
    const text = this.greetings.greet(body.name);
    this.nats.publish('greetings.said', { name: body.name }); // an event
    return { text };
  }

  // an event listener on greetings.said
  @Subject('said')
  said(@Payload() body: { name: string }) {
    this.log.info(`${body.name} was greeted`);
  }
}

@Module({ controllers: [GreetingsController], providers: [GreetingService] })
export class GreetingsModule {}
