import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { INFERRED_AT_PATTERN } from './inferred-at.ts';

const pattern = new RegExp(INFERRED_AT_PATTERN);

describe('INFERRED_AT_PATTERN', () => {
  it('accepts ISO dates and date-times, with or without seconds, fraction and offset', () => {
    for (const value of [
      '2024-03-01',
      '2024-03-01T10:00',
      '2024-03-01T10:00:59',
      '2024-03-01 10:00:00.123456',
      '2024-03-01T10:00:00Z',
      '2024-03-01T23:59:59.999+14:00',
      '2024-03-01T00:00:00-0530',
      '2024-03-01T00:00:00+01',
    ]) {
      assert.ok(pattern.test(value), value);
    }
  });

  it('refuses what the timestamp cast would choke on or misread', () => {
    for (const value of [
      '',
      'yesterday',
      '1700000000',
      '2024-13-01',
      '2024-00-10',
      '2024-03-32',
      '2024-03-01T24:00:00',
      '2024-03-01T10:60',
      '2024-03-01T10:00:61',
      '0000-01-01',
      '2024-03-01T10:00:00+15:00',
      '2024-03-01T10:00:00 UTC',
      ' 2024-03-01',
      '2024-3-1',
    ]) {
      assert.ok(!pattern.test(value), value);
    }
  });
});
