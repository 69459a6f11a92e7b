import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import { anyHeaders, anyMessage, batch, eventMessage, malformedHeaders, relayMessage, requestMessage, wellFormedHeaders, type Draft } from './hostile-arbitraries.js';
import { runHostileCase, watchProcess, type HostileTarget } from './hostile-case.js';

/**
 * Runs per property: bounded so the NATS run stays within a few seconds when green (set
 * PANINI_FUZZ_RUNS for a deeper run, for example 500 before a release). No fixed
 * seed: each run explores new inputs, and fast-check prints the seed and path of a failure
 * (replay with `{ seed, path }` in `fc.assert`).
 */
const NUM_RUNS = Number(process.env['PANINI_FUZZ_RUNS'] ?? 12);
/** Milliseconds a property may spend, shrinking included, before it reports what it has. */
const TIME_LIMIT = NUM_RUNS > 12 ? 1_000 * NUM_RUNS : 12_000;

/** The hostile-input property, one `it` per family of inputs, against one broker. */
export function hostileSuite(name: string, start: () => Promise<HostileTarget & { close(): Promise<void> }>): void {
  describe(`hostile input on ${name}`, () => {
    let target: HostileTarget & { close(): Promise<void> };
    let unwatch: () => void;
    before(async () => { unwatch = watchProcess(); target = await start(); });
    after(async () => { await target.close(); unwatch(); });

    const property = (kinds: fc.Arbitrary<Draft>, numRuns = NUM_RUNS) => fc.assert(
      fc.asyncProperty(batch(kinds), (b) => runHostileCase(target, b)),
      { numRuns, interruptAfterTimeLimit: TIME_LIMIT, markInterruptAsFailure: false, includeErrorInReport: true },
    );

    describe('when requests carry odd payloads, subjects, tokens and error codes, with well-formed headers', () => {
      it('should answer each in time with the owed success or a 4xx, and stay healthy and ready', () => property(requestMessage(wellFormedHeaders)));
    });
    describe('when requests carry malformed header blocks', () => {
      it('should answer each in time with the owed success or a 4xx, never crash, and stay healthy', () => property(requestMessage(malformedHeaders)));
    });
    describe('when events are invalid or carry malformed headers', () => {
      it('should log, count and dead-letter every failed event, and stay healthy', () => property(eventMessage(anyHeaders)));
    });
    describe('when an upstream answers a handler with odd headers, codes and bodies', () => {
      it('should still answer the caller with a success or a code in 400..599, and keep hearing replies', () => property(relayMessage(anyHeaders)));
    });
    describe('when everything arrives mixed', () => {
      it('should keep every rule at once', () => property(anyMessage, 2 * NUM_RUNS));
    });
  });
}
