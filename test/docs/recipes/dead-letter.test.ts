// dead-letter.test.ts
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Test } from '../../../src/testing/index.js';
import { ReadingsController, ReadingsModule } from './dead-letter.module.js';

test('an invalid event is dead-lettered with its error, a valid one is stored', async () => {
  const app = await Test.createTestingModule({ imports: [ReadingsModule] }).compile();

  await app.publish('readings.record', { sensor: 'roof', celsius: 'warm' });
  const dead = await app.traffic.waitFor<{ subject: string; error: { code: number }; payload: string }>('readings.invalid');
  assert.equal(dead.data.subject, 'readings.record');
  assert.equal(dead.data.error.code, 400);
  assert.deepEqual(JSON.parse(dead.data.payload), { sensor: 'roof', celsius: 'warm' }); // the body as sent

  await app.publish('readings.record', { sensor: 'roof', celsius: 21.5 });
  assert.deepEqual(app.get(ReadingsController).stored.map((r) => r.celsius), [21.5]);

  await app.close();
});
