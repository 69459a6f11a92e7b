import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { pageAndExamples } from '../page-sync.js';

const root = new URL('../../../../', import.meta.url);

describe('docs/guide/jetstream-operations.md', () => {
  const { blocks, files } = pageAndExamples(root, 'docs/guide/jetstream-operations.md', 'test/docs/jetstream-operations/');

  it('should show every example file the suite runs, and no other named file', () => {
    assert.deepEqual([...blocks.keys()].sort(), [...files.keys()].sort());
  });

  for (const [name, source] of files) {
    it(`should show ${name} exactly as the test suite runs it`, () => {
      assert.equal(blocks.get(name), source);
    });
  }
});
