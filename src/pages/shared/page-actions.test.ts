import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { mayTake } from './page-actions.ts';

const evaluator = { agentId: 'eve', scopes: ['evaluate'] };
const writer = { agentId: 'wanda', scopes: ['write'] };
const admin = { agentId: 'admin', scopes: ['admin'] };

describe('the actions the pages offer', () => {
  it('offers nothing to a visitor who is signed out', () => {
    assert.equal(mayTake(undefined, 'promote'), false);
    assert.equal(mayTake(undefined, 'edit_tags', { maintainers: ['wanda'] }), false);
  });

  it('offers alias moves, promotion, decisions and reviews to the evaluate scope only', () => {
    for (const action of ['set_alias', 'remove_alias', 'promote', 'decide_request', 'review_edge'] as const) {
      assert.equal(mayTake(evaluator, action), true, action);
      assert.equal(mayTake(writer, action), false, action);
      assert.equal(mayTake(admin, action), true, action);
    }
  });

  it('offers the removal of a protected alias to admin only', () => {
    assert.equal(mayTake(evaluator, 'remove_alias', { aliasProtected: true }), false);
    assert.equal(mayTake(evaluator, 'remove_alias', { aliasProtected: false }), true);
    assert.equal(mayTake(admin, 'remove_alias', { aliasProtected: true }), true);
  });

  it('offers descriptions and tags to a maintainer with write, or admin', () => {
    assert.equal(mayTake(writer, 'edit_description', { maintainers: ['wanda'] }), true);
    assert.equal(mayTake(writer, 'edit_tags', { maintainers: ['someone-else'] }), false);
    assert.equal(mayTake({ ...evaluator, agentId: 'wanda' }, 'edit_tags', { maintainers: ['wanda'] }), false);
    assert.equal(mayTake(admin, 'edit_description', { maintainers: [] }), true);
  });

  it('offers a request to an evaluator or a maintainer, a withdrawal to its requester or admin', () => {
    assert.equal(mayTake(writer, 'request_promotion', { maintainers: ['wanda'] }), true);
    assert.equal(mayTake(writer, 'request_promotion', { maintainers: [] }), false);
    assert.equal(mayTake(evaluator, 'request_promotion'), true);
    assert.equal(mayTake(evaluator, 'withdraw_request', { requestedBy: 'eve' }), true);
    assert.equal(mayTake(evaluator, 'withdraw_request', { requestedBy: 'other' }), false);
    assert.equal(mayTake(admin, 'withdraw_request', { requestedBy: 'other' }), true);
  });

  it('offers a retraction to an evaluator, or to the artifact creator with write', () => {
    assert.equal(mayTake(evaluator, 'retract', { createdBy: 'x' }), true);
    assert.equal(mayTake(writer, 'retract', { createdBy: 'wanda' }), true);
    assert.equal(mayTake(writer, 'retract', { createdBy: 'x' }), false);
  });
});
