import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { policyOf } from '../../registry/core/policy.ts';
import { allPassed, CHECK_NAMES, type CheckFacts, computeChecks } from './checks.ts';
import { ineligibilityOf } from './eligibility.ts';

const NOW = new Date('2026-06-01T12:00:00Z');
const hoursAgo = (hours: number) => new Date(NOW.getTime() - hours * 3_600_000);

const PREVIEW = { toolCallId: 7, computedAt: hoursAgo(1), wouldFlag: 2, scoredEdges: 40 };

const facts = (overrides: Partial<CheckFacts> = {}): CheckFacts => ({
  versionId: 'm-v3',
  provenance: { complete: true, missing: [] },
  parentId: 'm-v2',
  preview: PREVIEW,
  now: NOW,
  ...overrides,
});

const byName = (checks: ReturnType<typeof computeChecks>) =>
  Object.fromEntries(checks.map((check) => [check.name, check.passed]));

describe('promotion request checks', () => {
  it('has no check when the policy requires no evidence', () => {
    assert.deepEqual(computeChecks(policyOf({ requiredApprovals: 2 }), facts()), []);
    assert.equal(allPassed([]), true);
  });

  it('checks the provenance verdict and names the failed rules in words, each with its code', () => {
    const policy = policyOf({ requireCompleteProvenance: true });
    const [failed] = computeChecks(
      policy,
      facts({ provenance: { complete: false, missing: ['trained_on_dataset', 'hypothesis_link'] } }),
    );
    assert.deepEqual(
      { ...failed, detail: undefined },
      { name: 'complete_provenance', passed: false, detail: undefined },
    );
    assert.equal(
      failed.detail,
      'the provenance lacks a training dataset (trained_on_dataset), the hypothesis it tests (hypothesis_link)',
    );
    assert.equal(computeChecks(policy, facts())[0].passed, true);
  });

  it('needs a preview younger than the policy allows, and says how to get one', () => {
    const policy = policyOf({ requireImpactPreview: true, previewMaxAgeHours: 24 });
    assert.deepEqual(byName(computeChecks(policy, facts())), { impact_preview: true });
    const stale = computeChecks(policy, facts({ preview: { ...PREVIEW, computedAt: hoursAgo(24) } }));
    assert.deepEqual(byName(stale), { impact_preview: false });
    assert.match(stale[0].detail, /24\.0 h old/);
    const none = computeChecks(policy, facts({ preview: undefined }));
    assert.match(none[0].detail, /POST \/api\/models\/m-v3\/impact-preview/);
    assert.equal(none[0].passed, false);
  });

  it("measures the preview's flagged share of its scored edges against the limit", () => {
    const preview = { toolCallId: 1, computedAt: hoursAgo(2), wouldFlag: 4, scoredEdges: 40 };
    assert.deepEqual(byName(computeChecks(policyOf({ maxFlagFraction: 0.1 }), facts({ preview }))), {
      flag_fraction: true,
    });
    assert.deepEqual(byName(computeChecks(policyOf({ maxFlagFraction: 0.09 }), facts({ preview }))), {
      flag_fraction: false,
    });
    const nothingScored = { ...preview, wouldFlag: 0, scoredEdges: 0 };
    assert.equal(
      computeChecks(policyOf({ maxFlagFraction: 0 }), facts({ preview: nothingScored }))[0].passed,
      true,
    );
    // Without a usable preview there is nothing to measure: the limit fails.
    assert.equal(
      computeChecks(policyOf({ maxFlagFraction: 1 }), facts({ preview: undefined }))[0].passed,
      false,
    );
  });

  it('passes the preview and flag checks of a first promotion: there is nothing to preview against', () => {
    const policy = policyOf({ requireImpactPreview: true, maxFlagFraction: 0 });
    const checks = computeChecks(policy, facts({ parentId: null, preview: undefined }));
    assert.deepEqual(byName(checks), { impact_preview: true, flag_fraction: true });
  });

  it('lists one entry per requirement, in a fixed order, and passes only when each passes', () => {
    const policies = fc.record({
      requireCompleteProvenance: fc.boolean(),
      requireImpactPreview: fc.boolean(),
      maxFlagFraction: fc.option(fc.double({ min: 0, max: 1, noNaN: true }), { nil: null }),
      previewMaxAgeHours: fc.integer({ min: 1, max: 720 }),
    });
    const worlds = fc.record({
      complete: fc.boolean(),
      parentId: fc.option(fc.constant('m-v2'), { nil: null }),
      preview: fc.option(
        fc.record({
          toolCallId: fc.nat(),
          computedAt: fc.integer({ min: 0, max: 1000 }).map(hoursAgo),
          wouldFlag: fc.nat({ max: 50 }),
          scoredEdges: fc.integer({ min: 50, max: 100 }),
        }),
        { nil: undefined },
      ),
    });
    fc.assert(
      fc.property(policies, worlds, (given, world) => {
        const policy = policyOf(given);
        const checks = computeChecks(
          policy,
          facts({ provenance: { complete: world.complete, missing: world.complete ? [] : ['x'] }, ...world }),
        );
        const expected = CHECK_NAMES.filter(
          (name) =>
            (name === 'complete_provenance' && policy.requireCompleteProvenance) ||
            (name === 'impact_preview' && policy.requireImpactPreview) ||
            (name === 'flag_fraction' && policy.maxFlagFraction !== null),
        );
        assert.deepEqual(
          checks.map((check) => check.name),
          expected,
        );
        assert.equal(
          allPassed(checks),
          checks.every((check) => check.passed),
        );
        if (policy.requireCompleteProvenance)
          assert.equal(byName(checks).complete_provenance, world.complete);
      }),
    );
  });
});

describe('who may decide a request', () => {
  const people = {
    requestedBy: 'ana',
    trainedBy: 'bot',
    registeredBy: 'kenji',
    maintainers: ['kenji', 'priya'],
    excludeContributors: true,
  };

  it('never the requester, and no contributor when the policy excludes them', () => {
    assert.equal(ineligibilityOf('ana', people), 'requested this promotion');
    assert.equal(ineligibilityOf('bot', people), 'trained this version');
    assert.equal(ineligibilityOf('kenji', people), 'registered this version');
    assert.equal(ineligibilityOf('priya', people), 'maintains this lineage');
    assert.equal(ineligibilityOf('lena', people), null);
  });

  it('lets contributors decide when the policy allows it, but still not the requester', () => {
    const open = { ...people, excludeContributors: false };
    assert.equal(ineligibilityOf('ana', open), 'requested this promotion');
    for (const agent of ['bot', 'kenji', 'priya', 'lena']) assert.equal(ineligibilityOf(agent, open), null);
  });
});
