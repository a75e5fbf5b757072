/**
 * Agents can be deactivated: every token of an inactive agent is 401 `agent_inactive` and its
 * data stays; reactivation brings back the tokens neither revoked nor expired; renaming; events;
 * and every refusal (not admin, the bootstrap admin agent, bad bodies, unknown agents) with its
 * status, code and nothing written.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ADMIN_TOKEN, startTestApp, type TestApp } from '../support/app.ts';
import { credentialsOf } from '../support/credentials.ts';
import { expectError, uniqueId } from '../support/factories.ts';
import { testStores } from '../support/stores.ts';

for (const store of testStores()) {
  describe(`agent deactivation on ${store.name}`, () => {
    let t: TestApp;
    before(async () => {
      t = await startTestApp(store);
    });
    after(() => t.close());

    const { createAgent, issue, write, list, revoke, patch, eventsOf, credentialState, expectRefused } =
      credentialsOf(() => t);

    it('refuses every token of an inactive agent with 401 agent_inactive, keeps its data, and brings them back on reactivation', async () => {
      const agentId = await createAgent();
      const one = await issue(agentId);
      const two = await issue(agentId, { scopes: ['evaluate'] });
      const revoked = await issue(agentId);
      await revoke(agentId, revoked.token_id);
      const artifact = (await write(one.token)).json();

      const deactivated = await patch(agentId, { active: false });
      assert.equal(deactivated.statusCode, 200, deactivated.body);
      assert.equal(deactivated.json().active, false);
      for (const token of [one.token, two.token, revoked.token]) {
        await expectRefused(() => write(token), 401, 'agent_inactive');
      }
      expectError(await list(agentId, one.token), 401, 'agent_inactive');
      assert.equal((await t.request('GET', `/api/artifacts/${artifact.id}`)).json().created_by, agentId);
      assert.equal((await t.request('GET', `/api/agents/${agentId}`)).json().active, false);
      assert.equal((await list(agentId)).json().tokens.length, 3, 'its tokens are kept');

      const reactivated = await patch(agentId, { active: true });
      assert.equal(reactivated.json().active, true);
      assert.equal((await write(one.token)).statusCode, 201);
      expectError(await write(revoked.token), 401, 'token_revoked');
      const [off] = await eventsOf('agent_deactivated', agentId);
      const [on] = await eventsOf('agent_reactivated', agentId);
      assert.deepEqual(off.detection_metadata, { agent_id: agentId, actor: 'admin' });
      assert.deepEqual(on.detection_metadata, { agent_id: agentId, actor: 'admin' });
    });

    it('renames an agent with an agent_updated event, and logs nothing for a change to what already is', async () => {
      const agentId = await createAgent();
      const renamed = await patch(agentId, { display_name: 'Dr Renamed' });
      assert.equal(renamed.json().display_name, 'Dr Renamed');
      const [event] = await eventsOf('agent_updated', agentId);
      assert.deepEqual(event.detection_metadata.display_name, { from: agentId, to: 'Dr Renamed' });
      const before = await credentialState();
      const same = await patch(agentId, { active: true, display_name: 'Dr Renamed' });
      assert.equal(same.statusCode, 200, same.body);
      assert.deepEqual(await credentialState(), before);
    });

    it('refuses a non-admin, even the agent itself, with 403 forbidden', async () => {
      const agentId = await createAgent();
      const { token } = await issue(agentId, { scopes: ['write', 'evaluate'] });
      await expectRefused(() => patch(agentId, { active: false }, token), 403, 'forbidden');
      assert.equal((await write(token)).statusCode, 201);
    });

    it('refuses to deactivate the bootstrap admin agent with 422 rule_violation', async () => {
      const error = await expectRefused(() => patch('admin', { active: false }), 422, 'rule_violation');
      assert.match(error.message, /MODELGRAPH_ADMIN_TOKEN/);
      assert.equal((await write(ADMIN_TOKEN)).statusCode, 201);
    });

    const badBodies: [string, unknown][] = [
      ['an empty body', {}],
      ['active that is not a boolean', { active: 'no' }],
      ['an empty display_name', { display_name: '' }],
      ['an unknown field', { active: false, kind: 'human' }],
    ];
    for (const [what, body] of badBodies) {
      it(`refuses ${what} with 400 invalid_request`, async () => {
        const agentId = await createAgent();
        await expectRefused(() => patch(agentId, body), 400, 'invalid_request');
      });
    }

    it('answers 404 for an unknown agent and 401 without a token', async () => {
      await expectRefused(() => patch(uniqueId('ghost'), { active: false }), 404, 'not_found');
      const agentId = await createAgent();
      await expectRefused(
        () => t.request('PATCH', `/api/agents/${agentId}`, { body: { active: false } }),
        401,
        'unauthenticated',
      );
    });
  });
}
