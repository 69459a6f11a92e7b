import { describe, it, mock } from 'node:test';
import assert from 'node:assert/strict';
import { systemClock } from '../../src/index.js';

const DAY = 24 * 60 * 60 * 1000;

describe('systemClock', () => {
  describe('when a timer is longer than Node allows (about 24.8 days)', () => {
    it('should fire when it is due, not at once', () => {
      mock.timers.enable({ apis: ['setTimeout', 'Date'], now: 0 });
      try {
        let fired = 0;
        systemClock.setTimer(() => fired++, 30 * DAY);
        mock.timers.tick(1);
        assert.equal(fired, 0);
        mock.timers.tick(25 * DAY);
        assert.equal(fired, 0);
        mock.timers.tick(5 * DAY);
        assert.equal(fired, 1);
      } finally {
        mock.timers.reset();
      }
    });
  });

  describe('when a timer is cancelled', () => {
    it('should not fire, even after being split into steps', () => {
      mock.timers.enable({ apis: ['setTimeout', 'Date'], now: 0 });
      try {
        let fired = 0;
        const cancel = systemClock.setTimer(() => fired++, 30 * DAY);
        mock.timers.tick(26 * DAY);
        cancel();
        mock.timers.tick(10 * DAY);
        assert.equal(fired, 0);
      } finally {
        mock.timers.reset();
      }
    });
  });
});
