/**
 * Node names: `POST /api/kg/nodes` names nodes (scope write), all or none, renaming on a second call;
 * `GET /api/kg/nodes/{id}` reads one back; the KGX nodes export carries the names.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ADMIN_TOKEN, startTestApp, type TestApp } from '../support/app.ts';
import { expectError, uniqueId } from '../support/factories.ts';
import { countTableRows } from '../support/row-counts.ts';
import { testStores } from '../support/stores.ts';
import { buildEdge, insertEdges } from './kg-support.ts';

for (const store of testStores()) {
  describe(`node names on ${store.name}`, () => {
    let t: TestApp;
    let writer: string;
    let evaluator: string;
    const nodeRows = async () => (await countTableRows(t.store.db, ['kg_nodes'])).kg_nodes;
    const post = (body: unknown, token = writer) => t.request('POST', '/api/kg/nodes', { token, body });

    before(async () => {
      t = await startTestApp(store);
      writer = await t.agentToken(uniqueId('namer'), ['write']);
      evaluator = await t.agentToken(uniqueId('evaluator'), ['evaluate']);
    });
    after(() => t.close());

    it('names nodes and reads each back with its category (null when none was given)', async () => {
      const disease = `MONDO:${uniqueId('d')}`;
      const gene = `HGNC:${uniqueId('g')}`;
      const response = await post([
        { id: disease, name: 'Alzheimer disease', category: 'biolink:Disease' },
        { id: gene, name: 'TREM2' },
      ]);
      assert.equal(response.statusCode, 200, response.body);
      assert.deepEqual(response.json(), { upserted: 2 });
      const read = await t.request('GET', `/api/kg/nodes/${encodeURIComponent(disease)}`);
      assert.deepEqual(read.json(), { id: disease, name: 'Alzheimer disease', category: 'biolink:Disease' });
      assert.deepEqual((await t.request('GET', `/api/kg/nodes/${gene}`)).json(), {
        id: gene,
        name: 'TREM2',
        category: null,
      });
    });

    it('renames a node named again, without adding a row', async () => {
      const id = `GO:${uniqueId('p')}`;
      await post([{ id, name: 'old name' }]);
      const before = await nodeRows();
      assert.deepEqual(
        (await post([{ id, name: 'new name', category: 'biolink:BiologicalProcess' }])).json(),
        {
          upserted: 1,
        },
      );
      assert.equal(await nodeRows(), before);
      assert.equal((await t.request('GET', `/api/kg/nodes/${id}`)).json().name, 'new name');
    });

    it('answers 404 for a node never named', async () => {
      expectError(await t.request('GET', '/api/kg/nodes/MONDO:never-named'), 404, 'not_found');
    });

    const refusals: [string, unknown, string | undefined, number, string][] = [
      ['an empty list', [], undefined, 400, 'invalid_request'],
      ['a node without a name', [{ id: 'X:1' }], undefined, 400, 'invalid_request'],
      ['an empty name', [{ id: 'X:1', name: '' }], undefined, 400, 'invalid_request'],
      ['an unknown field', [{ id: 'X:1', name: 'x', colour: 'red' }], undefined, 400, 'invalid_request'],
      [
        'a category that is no CURIE',
        [{ id: 'X:1', name: 'x', category: 'a gene' }],
        undefined,
        400,
        'invalid_request',
      ],
      ['an object instead of a list', { id: 'X:1', name: 'x' }, undefined, 400, 'invalid_request'],
      ['a token without write', [{ id: 'X:1', name: 'x' }], 'evaluator', 403, 'forbidden'],
    ];
    for (const [what, body, token, status, code] of refusals) {
      it(`refuses ${what} with ${status} ${code}, writing nothing`, async () => {
        const before = await nodeRows();
        expectError(await post(body, token === 'evaluator' ? evaluator : writer), status, code);
        assert.equal(await nodeRows(), before);
      });
    }

    it('refuses a request without a token with 401, writing nothing', async () => {
      const before = await nodeRows();
      expectError(
        await t.request('POST', '/api/kg/nodes', { body: [{ id: 'X:2', name: 'x' }] }),
        401,
        'unauthenticated',
      );
      assert.equal(await nodeRows(), before);
    });

    it('refuses a call that names one node twice, naming it, and writes none of the call', async () => {
      const fresh = `HP:${uniqueId('h')}`;
      const before = await nodeRows();
      const error = expectError(
        await post([
          { id: fresh, name: 'one' },
          { id: 'X:twice', name: 'a' },
          { id: 'X:twice', name: 'b' },
        ]),
        400,
        'invalid_request',
      );
      assert.match(error.message, /X:twice/);
      assert.equal(await nodeRows(), before);
      expectError(await t.request('GET', `/api/kg/nodes/${fresh}`), 404, 'not_found');
    });

    it('refuses more than 10,000 nodes in one call', async () => {
      const nodes = Array.from({ length: 10_001 }, (_, i) => ({ id: `X:${i}`, name: `n${i}` }));
      const before = await nodeRows();
      expectError(await post(nodes), 400, 'invalid_request');
      assert.equal(await nodeRows(), before);
    });

    it('writes the names into the KGX nodes export', async () => {
      const subject = `HGNC:${uniqueId('kgx')}`;
      await insertEdges(t, [buildEdge({ subject, object: 'MONDO:0004975' })]);
      await post([{ id: subject, name: 'Named gene', category: 'biolink:Protein' }], ADMIN_TOKEN);
      const response = await t.request('GET', `/api/kg/export/nodes.jsonl?subject=${subject}`);
      const lines = response.body
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line));
      const node = lines.find((line) => line.id === subject);
      assert.deepEqual(node, {
        id: subject,
        name: 'Named gene',
        category: ['biolink:Protein'],
        provided_by: ['infores:modelgraph'],
      });
    });
  });
}
