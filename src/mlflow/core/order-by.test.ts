import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { InvalidRequest } from '../../errors.ts';
import { parseOrderBy } from './order-by.ts';
import { decodePageToken, encodePageToken } from './page-token.ts';

const KEYS = { name: 'name', last_updated_timestamp: 'updated_at', timestamp: 'updated_at' } as const;

describe('MLflow order_by clauses', () => {
  it('reads keys, directions (ASC by default) and backquotes', () => {
    assert.deepEqual(parseOrderBy(['`last_updated_timestamp` desc', 'name'], KEYS), [
      { key: 'updated_at', direction: 'desc' },
      { key: 'name', direction: 'asc' },
    ]);
  });

  it('refuses unknown keys, other directions, extra words and the same key twice', () => {
    for (const clauses of [
      ['creation_timestamp'],
      ['name sideways'],
      ['name ASC now'],
      ['name', 'name DESC'],
    ]) {
      assert.throws(() => parseOrderBy(clauses, KEYS), InvalidRequest, clauses.join());
    }
    assert.throws(() => parseOrderBy(['timestamp', 'last_updated_timestamp'], KEYS), InvalidRequest);
    assert.throws(() => parseOrderBy(['constructor'], KEYS), InvalidRequest);
  });
});

describe('MLflow page tokens', () => {
  const scope = { endpoint: 'rm', filter: "name = 'a'", orderBy: ['name'] };

  it('gives back the position it carries for the same search', () => {
    const token = encodePageToken(scope, ['model-a', '2026-01-01 00:00:00+00']);
    assert.deepEqual(decodePageToken(scope, token), ['model-a', '2026-01-01 00:00:00+00']);
    assert.equal(decodePageToken(scope, ''), undefined);
  });

  it('refuses a token of another search, a forged one and garbage', () => {
    const token = encodePageToken(scope, ['model-a']);
    assert.throws(() => decodePageToken({ ...scope, filter: '' }, token), InvalidRequest);
    assert.throws(() => decodePageToken({ ...scope, orderBy: ['name DESC'] }, token), InvalidRequest);
    const forged = Buffer.from(JSON.stringify({ s: 'x', p: [1] })).toString('base64url');
    assert.throws(() => decodePageToken(scope, forged), InvalidRequest);
    assert.throws(() => decodePageToken(scope, 'eyJvZmZzZXQiOiAyfQ=='), InvalidRequest);
    assert.throws(() => decodePageToken(scope, '%%%'), InvalidRequest);
  });
});
