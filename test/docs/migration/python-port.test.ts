// python-port.test.ts
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Test } from '../../../src/testing/index.js';
import { AppModule, Listeners } from './python-port.module.js';

test('the ported service answers, publishes and replies to a third subject', async () => {
  const app = await Test.createTestingModule({ imports: [AppModule] }).compile();

  await app.triggerTask('Publisher.request');
  const logged = app.logs?.lines('info').find((l) => l.message === 'response');
  assert.deepEqual(logged?.meta, { result: { success: true, data: 'request has been processed' } });

  await app.triggerTask('Publisher.publishPeriodically');
  await app.settle();
  assert.deepEqual(app.get(Listeners).received, [{ key1: 'value1', key2: 2 }]);

  await app.triggerTask('Publisher.requestToAnotherSubject');
  const reply = await app.traffic.waitFor('reply.to.subject');
  assert.deepEqual(reply.data, { success: true, data: 'request has been processed' });

  await app.close();
});
