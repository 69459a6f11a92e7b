// export-index.test.ts
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Test, waitUntil } from '../../../src/testing/index.js';
import { ObjectBucket, objectStoreToken } from '../../../src/jetstream/index.js';
import { ExportIndex, ExportIndexModule } from './export-index.module.js';

describe('an export index in the testing kit', () => {
  it('should index each export once it is stored, and forget a deleted one', async () => {
    const app = await Test.createTestingModule({ imports: [ExportIndexModule] }).compile();
    try {
      const exports = app.get<ObjectBucket>(objectStoreToken('exports'));
      const index = app.get(ExportIndex);
      await exports.put('2026-11.csv', 'id,total\n1,10\n2,20\n', { chunkSize: 4 });
      await exports.put('2026-12.csv', 'id,total\n');
      await waitUntil(() => index.rows.size === 2);
      assert.equal(index.rows.get('2026-11.csv'), 3);
      await exports.delete('2026-11.csv');
      await waitUntil(() => !index.rows.has('2026-11.csv'));
      assert.deepEqual([...index.rows], [['2026-12.csv', 1]]);
    } finally {
      await app.close();
    }
  });
});
