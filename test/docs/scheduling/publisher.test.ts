// publisher.test.ts
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { ManualClock, PaniniFactory, Scheduler } from '../../../src/index.js';
import { startNatsServer, type NatsServerHandle } from '../../../src/testing/index.js';
import { AppModule } from './publisher.module.js';

let nats: NatsServerHandle;
before(async () => { nats = await startNatsServer(); });   // a private server on a free port
after(() => nats.dispose());

test('the start-up task publishes 10 messages', async () => {
  const app = await PaniniFactory.create(AppModule, { servers: nats.url, scheduler: { autoStart: false }, handleSignals: false });
  await app.start();
  const run = await app.get(Scheduler).trigger('Publisher.publish'); // rejects if the task throws
  assert.equal(run.status, 'succeeded');
  await app.close();
});

test('the timer task runs every 2 seconds', async () => {
  const clock = new ManualClock();  // starts at 2024-01-01T00:00:00Z
  const app = await PaniniFactory.create(AppModule, { servers: nats.url, scheduler: { clock }, handleSignals: false });
  await app.start();
  await clock.advance(6000);
  assert.equal(app.get(Scheduler).get('Publisher.publishPeriodically').runs, 3);
  await app.close();
});
