import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { DEFAULT_POLICY, isGoverned, policyFromJson, policyOf, policyToJson } from './policy.ts';

describe('promotion policies', () => {
  it('governs nothing by default: a direct promotion by an evaluator', () => {
    assert.equal(isGoverned(DEFAULT_POLICY), false);
    assert.deepEqual(policyOf({}), DEFAULT_POLICY);
  });

  it('governs a lineage as soon as it needs an approval or any evidence', () => {
    assert.equal(isGoverned(policyOf({ requiredApprovals: 1 })), true);
    assert.equal(isGoverned(policyOf({ requireCompleteProvenance: true })), true);
    assert.equal(isGoverned(policyOf({ requireImpactPreview: true })), true);
    assert.equal(isGoverned(policyOf({ maxFlagFraction: 0 })), true);
    assert.equal(isGoverned(policyOf({ excludeContributors: false, previewMaxAgeHours: 1 })), false);
  });

  it('fills what a PUT leaves out with the defaults, never with undefined', () => {
    assert.deepEqual(policyOf({ requiredApprovals: 2, maxFlagFraction: undefined }), {
      ...DEFAULT_POLICY,
      requiredApprovals: 2,
    });
  });

  it('reads back every policy from its wire form unchanged', () => {
    const policies = fc.record({
      requiredApprovals: fc.integer({ min: 0, max: 5 }),
      excludeContributors: fc.boolean(),
      requireCompleteProvenance: fc.boolean(),
      requireImpactPreview: fc.boolean(),
      previewMaxAgeHours: fc.integer({ min: 1, max: 720 }),
      maxFlagFraction: fc.option(fc.double({ min: 0, max: 1, noNaN: true }), { nil: null }),
    });
    fc.assert(
      fc.property(policies, (policy) => {
        assert.deepEqual(policyFromJson(policyToJson(policy)), { ...policy });
      }),
    );
  });
});
