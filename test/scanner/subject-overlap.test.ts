import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { subjectsOverlap } from '../../src/scanner/subject-overlap.js';
import { tokensMatch } from '../../src/testing/subject-match.js';

describe('subjectsOverlap', () => {
  const cases: Array<[string, string, boolean]> = [
    ['users.created', 'users.created', true],
    ['core.test', 'core.*', true],
    ['core.test', 'core.>', true],
    ['core', 'core.>', false],
    ['a.b', 'a.b.c', false],
    ['a.*', 'a.*.c', false],
    ['a.>', 'b.>', false],
    ['a.*.c', 'a.b.*', true],
    ['a.*.c', 'a.b.d', false],
    ['>', 'x', true],
    ['*.*', '>', true],
    ['orders.{id}.shipped', 'orders.42.*', true],
    ['orders.{id}', 'orders.{ref}.x', false],
  ];
  for (const [a, b, want] of cases) {
    it(`should say ${want} for '${a}' and '${b}', both ways round`, () => {
      assert.equal(subjectsOverlap(a, b), want);
      assert.equal(subjectsOverlap(b, a), want);
    });
  }

  it('should be true exactly when some concrete subject matches both patterns', () => {
    const token = fc.constantFrom('a', 'b', '*');
    const pattern = fc.tuple(fc.array(token, { minLength: 1, maxLength: 4 }), fc.boolean())
      .map(([t, tail]) => (tail ? [...t.slice(0, -1), '>'] : t));
    fc.assert(fc.property(pattern, pattern, (x, y) => {
      // 'a', 'b' and one token neither pattern names are enough witnesses; lengths up to 5
      const alphabet = ['a', 'b', 'z'];
      let witness = false;
      const walk = (prefix: string[]): void => {
        if (witness) return;
        if (prefix.length > 0 && tokensMatch(x, prefix) && tokensMatch(y, prefix)) witness = true;
        if (prefix.length < 5) for (const t of alphabet) walk([...prefix, t]);
      };
      walk([]);
      assert.equal(subjectsOverlap(x.join('.'), y.join('.')), witness, `${x.join('.')} / ${y.join('.')}`);
    }), { numRuns: 400 });
  });
});
