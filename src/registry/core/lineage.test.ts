import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseTagFilters, parseVersionRef } from './lineage.ts';

describe('version references', () => {
  it('reads a plain id and an alias reference', () => {
    assert.deepEqual(parseVersionRef('model-a-v2'), { id: 'model-a-v2' });
    assert.deepEqual(parseVersionRef('model-a@champion'), { modelName: 'model-a', alias: 'champion' });
    assert.deepEqual(parseVersionRef('model-a@'), { modelName: 'model-a', alias: '' });
  });
});

describe('tag filters', () => {
  it('splits at the first colon: key:value matches that value, key alone any value', () => {
    assert.deepEqual(parseTagFilters(['team:neuro', 'reviewed', 'url:http://x:1']), [
      { key: 'team', value: 'neuro' },
      { key: 'reviewed' },
      { key: 'url', value: 'http://x:1' },
    ]);
    assert.deepEqual(parseTagFilters([]), []);
  });
});
