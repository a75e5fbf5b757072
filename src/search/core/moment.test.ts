import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseMoment } from './moment.ts';

describe('parseMoment', () => {
  it('reads a date-time with Z or an offset, keeping microseconds', () => {
    assert.equal(parseMoment('2026-04-05T12:00:00Z'), '2026-04-05T12:00:00Z');
    assert.equal(parseMoment('2026-04-05T12:00:00.123456+02:00'), '2026-04-05T12:00:00.123456+02:00');
    assert.equal(parseMoment('2026-04-05T23:59:59.5-11:30'), '2026-04-05T23:59:59.5-11:30');
  });

  it('reads a date alone as the start of that day in UTC', () => {
    assert.equal(parseMoment('2026-04-05'), '2026-04-05T00:00:00Z');
  });

  it('reads a time without an offset (a datetime-local field) as UTC, seconds optional', () => {
    assert.equal(parseMoment('2026-04-05T12:30'), '2026-04-05T12:30:00Z');
    assert.equal(parseMoment('2026-04-05T12:30:15'), '2026-04-05T12:30:15Z');
  });

  it('refuses what is not a real moment', () => {
    for (const text of [
      '',
      'yesterday',
      '2026-02-30',
      '2025-02-29',
      '2026-13-01',
      '0000-01-01',
      '2026-04-05T24:00:00Z',
      '2026-04-05T12:60:00Z',
      '2026-04-05T12:00:60Z',
      '2026-04-05T12:00:00+15:00',
      '2026-04-05T12:00:00.1234567Z',
      '2026-04-05 12:00:00Z',
      '20260405',
      '2026-04-05T12Z',
      ' 2026-04-05',
    ]) {
      assert.equal(parseMoment(text), undefined, text);
    }
  });

  it('accepts 29 February in a leap year', () => {
    assert.equal(parseMoment('2024-02-29'), '2024-02-29T00:00:00Z');
  });
});
