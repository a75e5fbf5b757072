import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { describeFlash, renderReviewErrorPage } from './review.view.ts';

describe('review page view', () => {
  it('turns the redirect flash into a sentence and ignores anything else', () => {
    assert.equal(describeFlash('keep:edge-1'), 'Kept edge edge-1: its review flag is cleared.');
    assert.match(describeFlash('retract:edge-1') ?? '', /^Retracted edge edge-1: .*nothing is deleted/);
    assert.match(describeFlash('signed-in') ?? '', /^Signed in\./);
    assert.match(describeFlash('signed-out') ?? '', /^Signed out\./);
    assert.equal(describeFlash('delete:edge-1'), undefined);
    assert.equal(describeFlash(undefined), undefined);
  });

  it('offers the sign-in form on the 401 page only', () => {
    assert.match(renderReviewErrorPage(401, 'Sign in.').toString(), /action="\/kg\/session"/);
    assert.doesNotMatch(renderReviewErrorPage(403, 'No.').toString(), /action="\/kg\/session"/);
    assert.match(renderReviewErrorPage(409, 'Taken.').toString(), /<h1>409 · Conflict<\/h1>/);
  });
});
