// two-services.test.ts
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Controller, Injectable, Interval, Module, Payload, Subject } from '../../../src/index.js';
import { MemoryBroker, MemoryTransport, Test, type TestingApp } from '../../../src/testing/index.js';
import { UsersModule } from './users.module.js';

@Injectable()
class Mailer {
  readonly outbox: string[] = [];
  sentToday = 0;

  @Interval(60_000)
  sendOutbox(): void {
    this.sentToday += this.outbox.splice(0).length;
  }
}

@Controller()
class WelcomeController {
  constructor(private readonly mailer: Mailer) {}

  @Subject('users.created')
  welcome(@Payload() body: { id: string }): void {
    this.mailer.outbox.push(`welcome ${body.id}`);
  }
}

@Module({ controllers: [WelcomeController], providers: [Mailer] })
class MailModule {}

describe('users and mail services on one memory broker', () => {
  const broker = new MemoryBroker();
  let users: TestingApp;
  let mail: TestingApp;

  before(async () => {
    users = await Test.createTestingModule({ imports: [UsersModule] })
      .withOptions({ name: 'users' })
      .useTransport(new MemoryTransport({ broker }))
      .compile();
    mail = await Test.createTestingModule({ imports: [MailModule] })
      .withOptions({ name: 'mail' })
      .useTransport(new MemoryTransport({ broker }))
      .compile();
  });

  after(async () => {
    await users.close();
    await mail.close();
  });

  describe('when a user is created', () => {
    it('should queue a welcome mail, sent when the task runs', async () => {
      await users.request('users.create', { email: 'di@example.com', name: 'Di' });
      await mail.settle(); // the users.created event was delivered and handled

      const mailer = mail.get(Mailer);
      assert.deepEqual(mailer.outbox, ['welcome u-1']);

      await mail.triggerTask('Mailer.sendOutbox'); // tasks never run on their own in tests
      assert.equal(mailer.sentToday, 1);
    });
  });
});
