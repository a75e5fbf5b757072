import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { evidenceUrlProblem, reasonProblem, restoredBy } from './outcome.ts';

describe('retraction requests', () => {
  it('wants a reason of 1 to 2000 characters that says something', () => {
    assert.equal(reasonProblem('consent withdrawn'), undefined);
    assert.equal(reasonProblem('x'.repeat(2000)), undefined);
    assert.equal(reasonProblem('x'.repeat(2001))?.field, 'reason');
    assert.equal(reasonProblem('   ')?.field, 'reason');
    assert.equal(reasonProblem('')?.field, 'reason');
  });

  it('takes only an absolute http or https evidence URL', () => {
    assert.equal(evidenceUrlProblem(undefined), undefined);
    assert.equal(evidenceUrlProblem('https://doi.org/10.1000/x'), undefined);
    assert.equal(evidenceUrlProblem('HTTP://example.org/erratum'), undefined);
    for (const bad of ['ftp://example.org/x', 'javascript:alert(1)', 'doi:10.1000/x', 'https://', 'no url']) {
      assert.equal(evidenceUrlProblem(bad)?.field, 'evidence_url', bad);
    }
  });

  it('gives back the score of the versions no other retraction reaches', () => {
    const target = { artifactId: 'dataset-a', version: 2 };
    const reached = new Map([
      ['m1', [target]],
      ['m2', [target, { artifactId: 'analysis-b', version: null }]],
      ['m3', [{ artifactId: 'dataset-a', version: null }, target]],
    ]);
    assert.deepEqual(restoredBy(target, ['m1', 'm2', 'm3', 'm4'], reached), ['m1', 'm4']);
  });
});
