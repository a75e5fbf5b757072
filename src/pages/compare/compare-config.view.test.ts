import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { datasetsAtOtherVersions } from './compare-config.view.ts';

describe('datasets used by every version at other versions', () => {
  it('names a dataset every version used, at different versions, and not one shared exactly', () => {
    const overlap = {
      shared: ['ds-b@1'],
      unique: { v2: ['ds-a@1', 'ds-c@1'], v3: ['ds-a@2'] },
    };
    assert.deepEqual(datasetsAtOtherVersions(overlap), ['ds-a']);
  });

  it('names nothing when the versions share no dataset at all', () => {
    assert.deepEqual(datasetsAtOtherVersions({ shared: [], unique: { v1: ['x@1'], v2: ['y@1'] } }), []);
  });
});
