import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ManualClock } from '../../src/index.js';

describe('ManualClock', () => {
  describe('when advanced past several timers', () => {
    it('should fire them in due order with the time set to each due time', async () => {
      const clock = new ManualClock(1000);
      const seen: Array<[string, number]> = [];
      clock.setTimer(() => seen.push(['b', clock.now()]), 200);
      clock.setTimer(() => seen.push(['a', clock.now()]), 100);
      clock.setTimer(() => seen.push(['late', clock.now()]), 500);
      await clock.advance(300);
      assert.deepEqual(seen, [['a', 1100], ['b', 1200]]);
      assert.equal(clock.now(), 1300);
      assert.equal(clock.pending, 1);
    });
  });

  describe('when a timer sets another timer within the advanced span', () => {
    it('should fire that one too', async () => {
      const clock = new ManualClock(0);
      const seen: number[] = [];
      const tick = (): void => { seen.push(clock.now()); clock.setTimer(tick, 100); };
      clock.setTimer(tick, 100);
      await clock.advance(350);
      assert.deepEqual(seen, [100, 200, 300]);
    });
  });

  describe('when a timer is cancelled', () => {
    it('should not fire it', async () => {
      const clock = new ManualClock(0);
      let fired = false;
      const cancel = clock.setTimer(() => { fired = true; }, 10);
      cancel();
      await clock.advance(100);
      assert.equal(fired, false);
      assert.equal(clock.pending, 0);
    });
  });
});
