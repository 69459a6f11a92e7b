// publisher.module.ts
import { Controller, Injectable, Interval, Logger, Module, NatsClient, Payload, Subject, Task } from '../../../src/index.js';

interface Message { id: number; text: string }

@Injectable()
export class Publisher {
  private sent = 0;
  constructor(private readonly nats: NatsClient) {}

  // once, when the service is up
  @Task()
  publish() {
    for (let i = 0; i < 10; i++) this.nats.publish('some.publish.subject', this.next());
  }

  // every 2 seconds
  @Interval(2000)
  publishPeriodically() {
    for (let i = 0; i < 10; i++) this.nats.publish('some.publish.subject', this.next());
  }

  private next(): Message {
    return { id: ++this.sent, text: 'some data' };
  }
}

@Controller()
export class Receiver {
  constructor(private readonly log: Logger) {}

  @Subject('some.publish.subject')
  receive(@Payload() message: Message) {
    this.log.info('got a message', { id: message.id });
  }
}

@Module({ controllers: [Receiver], providers: [Publisher] })
export class AppModule {}
