// greetings.test.ts
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Test } from '../../src/testing/index.js';
import { GreetingsModule } from './greetings.module.js';

test('greetings.say answers and announces the greeting', async () => {
  const app = await Test.createTestingModule({ imports: [GreetingsModule] }).compile();

  assert.deepEqual(await app.request('greetings.say', { name: 'ann' }), { text: 'hello ann (#1)' });
  await app.traffic.waitFor('greetings.said');
  await assert.rejects(app.request('greetings.say', {}), { code: 400, message: 'name is required' });

  await app.close();
});
