import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { asOfFieldValue } from './as-of.ts';

describe('asOfFieldValue', () => {
  it('shows the moment in UTC to the second', () => {
    assert.equal(asOfFieldValue('2026-04-05T12:00:00.123456+02:00'), '2026-04-05T10:00:00');
  });
});
