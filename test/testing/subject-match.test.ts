import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { subjectMatches } from '../../src/testing/index.js';

describe('subjectMatches', () => {
  const cases: Array<[string, string, boolean]> = [
    ['a.b', 'a.b', true],
    ['a.b', 'a.c', false],
    ['a.b', 'a.b.c', false],
    ['a.*', 'a.b', true],
    ['a.*', 'a', false],
    ['a.*', 'a.b.c', false],
    ['*.b', 'a.b', true],
    ['*', 'a', true],
    ['*', 'a.b', false],
    ['a.*.c', 'a.x.c', true],
    ['a.>', 'a.b', true],
    ['a.>', 'a.b.c', true],
    ['a.>', 'a', false],
    ['>', 'a', true],
    ['>', 'a.b.c', true],
    ['*.>', 'a', false],
    ['*.>', 'a.b', true],
    ['a.b.c', 'a.b', false],
  ];
  for (const [pattern, subject, expected] of cases) {
    describe(`when matching '${subject}' against '${pattern}'`, () => {
      it(`should answer ${expected}`, () => {
        assert.equal(subjectMatches(pattern, subject), expected);
      });
    });
  }
});
