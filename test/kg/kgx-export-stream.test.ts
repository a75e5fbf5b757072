import assert from 'node:assert/strict';
import { get } from 'node:http';
import { after, before, describe, it } from 'node:test';
import pg from 'pg';
import { startTestApp, type TestApp } from '../support/app.ts';
import { eventually } from '../support/eventually.ts';
import { testStores } from '../support/stores.ts';
import { registerLineage } from '../support/world.ts';
import { insertGeneratedGraph } from '../validators/kgx-world.ts';

const EDGES = 60_000;

for (const store of testStores()) {
  describe(`KGX export streaming on ${store.name}`, () => {
    let t: TestApp;
    let origin: string;
    let exported: number;
    before(async () => {
      t = await startTestApp(store);
      const [model] = await registerLineage(t, 'kgx-stream', [null]);
      const graph = await insertGeneratedGraph(t.store.db, model, EDGES);
      exported = graph.edges - graph.freeText;
      origin = await t.app.listen({ port: 0, host: '127.0.0.1' });
    });
    after(() => t.close());

    it('stops reading when the client goes away, and serves the next export in full', async () => {
      // Some 20 MB of JSON Lines: far more than the socket buffers hold, so the server is mid-stream.
      const firstChunk = await new Promise<number>((resolve, reject) => {
        const request = get(`${origin}/api/kg/export/edges.jsonl`, (response) => {
          response.once('data', (chunk: Buffer) => {
            request.destroy();
            resolve(chunk.length);
          });
        });
        request.on('error', (error) => (request.destroyed ? undefined : reject(error)));
      });
      assert.ok(firstChunk > 0);
      // On PostgreSQL the cursor had a connection of its own: it must go back to the pool.
      const client = (t.store.db as unknown as { $client: unknown }).$client;
      if (client instanceof pg.Pool) {
        await eventually(
          () => client.idleCount === client.totalCount,
          'a pooled connection stayed busy after the client went away',
        );
      }
      const response = await t.request('GET', '/api/kg/export/edges.jsonl');
      assert.equal(response.statusCode, 200);
      assert.equal(response.body.split('\n').filter(Boolean).length, exported);
    });
  });
}
