// python-port.module.ts
import { Controller, Injectable, Interval, Logger, Module, NatsClient, Payload, Subject, Task } from '../../../src/index.js';

interface Message { key1: string; key2: number }

// @app.task() and @app.timer_task(interval=2) become methods of a provider
@Injectable()
export class Publisher {
  constructor(private readonly nats: NatsClient, private readonly log: Logger) {}

  @Task()
  async request() {
    const result = await this.nats.request('some.request.subject.123', { key1: 'value1', key2: 2 });
    this.log.info('response', { result });
  }

  @Interval(2000)
  publishPeriodically() {
    this.nats.publish('some.publish.subject', { key1: 'value1', key2: 2 });
  }

  @Task()
  requestToAnotherSubject() {
    // reply_to='reply.to.subject': the answer goes to a third subject, nobody waits for it
    this.nats.publish('some.subject.for.request', { key1: 'value1', key2: 2 }, { replyTo: 'reply.to.subject' });
  }
}

// @app.listen(...) becomes a method of a controller; its return value is the reply
@Controller()
export class Listeners {
  readonly received: Message[] = [];
  constructor(private readonly log: Logger) {}

  @Subject('some.publish.subject')
  receiveMessages(@Payload() message: Message) {
    this.received.push(message);
  }

  @Subject('some.request.subject.123')
  requestListener() {
    return { success: true, data: 'request has been processed' };
  }

  @Subject('some.subject.for.request')
  forAnotherSubject() {
    return { success: true, data: 'request has been processed' };
  }

  @Subject('reply.to.subject')
  anotherSubjectListener(@Payload() message: unknown) {
    this.log.info('received response', { message });
  }
}

@Module({ controllers: [Listeners], providers: [Publisher] })
export class AppModule {}
