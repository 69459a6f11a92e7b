import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { convertString } from '../../src/pipeline/string-conversion.js';

const value = (s: string, kind: 'boolean' | 'number' | 'date') => {
  const r = convertString(s, kind);
  return r.ok ? (r.value instanceof Date ? r.value.toISOString() : r.value) : 'refused';
};

describe('string conversion rules', () => {
  it('should read exactly true/false/1/0 as booleans', () => {
    assert.deepEqual(['true', 'false', '1', '0', 'TRUE', 'yes', '', ' true'].map((s) => value(s, 'boolean')), [true, false, true, false, 'refused', 'refused', 'refused', 'refused']);
  });
  it('should read finite decimal numerals only', () => {
    assert.deepEqual(['42', '-1.5', '.5', '2e3', '', ' ', '0x10', '1e400', 'Infinity', 'NaN', '1_000', ' 1'].map((s) => value(s, 'number')),
      [42, -1.5, 0.5, 2000, 'refused', 'refused', 'refused', 'refused', 'refused', 'refused', 'refused', 'refused']);
  });
  it('should read ISO 8601 dates as UTC unless an offset is given, refusing days and times that do not exist', () => {
    assert.deepEqual(['2024-05-01', '2024-05-01T10:00', '2024-05-01T10:00:00.5+02:00', '2024-02-29', '2023-02-29', '2024-13-01', '2024-05-01T24:00', 'May 1, 2024', '1714550400000'].map((s) => value(s, 'date')),
      ['2024-05-01T00:00:00.000Z', '2024-05-01T10:00:00.000Z', '2024-05-01T08:00:00.500Z', '2024-02-29T00:00:00.000Z', 'refused', 'refused', 'refused', 'refused', 'refused']);
  });
});
