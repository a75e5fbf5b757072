/**
 * The PROV-JSON export of model versions built on a retraction, read by the W3C `prov` package as
 * strictly as the other exports: on the demo world, SEA-AD's version 2 and the microglia analysis are
 * retracted, and the export of a version trained on v2 (and of one produced by the analysis) states
 * the invalidation of the retracted entity with the reason. The RO-Crate of such a version still
 * passes its validator.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { loadDemoWorld } from '../../src/demo/load-demo.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import { pythonUnavailable } from '../support/python.ts';
import { retract } from '../support/retraction.ts';
import { testStores } from '../support/stores.ts';
import { checkProv, validateRocrate } from './offline-tools.ts';

const skip = pythonUnavailable('dev');
const workDir = mkdtempSync(join(tmpdir(), 'mg-prov-retraction-'));
after(() => rmSync(workDir, { recursive: true, force: true }));

const SEA_AD = 'dataset-allen_brain-SEA-AD';
const ANALYSIS = 'SDA-2026-04-05-001';
type Doc = Record<string, Record<string, Record<string, unknown>>>;

const recordCount = (doc: Doc) =>
  Object.entries(doc)
    .filter(([section]) => section !== 'prefix')
    .reduce((sum, [, records]) => sum + Object.keys(records).length, 0);

for (const store of testStores()) {
  describe(`PROV-JSON of versions built on a retraction, on ${store.name}`, () => {
    let t: TestApp;
    let onV2: string[];
    let onAnalysis: string[];
    const prov = async (id: string): Promise<Doc> => {
      const response = await t.request('GET', `/api/models/${id}/prov`);
      assert.equal(response.statusCode, 200, response.body);
      return response.json();
    };

    before(async () => {
      t = await startTestApp(store);
      await loadDemoWorld(t.deps);
      onV2 = (await retract(t, SEA_AD, { version: 2, reason: 'donor metadata swapped in release 2' }))
        .affected_models;
      onAnalysis = (await retract(t, ANALYSIS, { reason: 'fitting code had a sign error' })).affected_models;
    });
    after(() => t.close());

    it('states the invalidation of SEA-AD v2 by its retraction, with the reason', async () => {
      assert.ok(onV2.includes('model-biophys-microglia-v1'));
      const doc = await prov('model-biophys-microglia-v1');
      const invalidations = Object.values(doc.wasInvalidatedBy ?? {});
      const ofV2 = invalidations.find((relation) => relation['prov:entity'] === `mg:${SEA_AD}/versions/2`);
      assert.ok(ofV2, JSON.stringify(doc.wasInvalidatedBy));
      assert.equal(ofV2['mgo:reason'], 'donor metadata swapped in release 2');
      const activity = doc.activity[ofV2['prov:activity'] as string];
      assert.equal(activity['mgo:reason'], 'donor metadata swapped in release 2');
      assert.ok(doc.entity[`mg:${SEA_AD}/versions/2`], 'the invalidated entity is declared');
    });

    it('states an analysis’s retraction as the invalidation of the results it generated', async () => {
      assert.ok(onAnalysis.includes('model-biophys-microglia-v3'));
      const doc = await prov('model-biophys-microglia-v3');
      const ofAnalysis = Object.values(doc.wasInvalidatedBy ?? {}).map((relation) => relation['prov:entity']);
      assert.deepEqual(ofAnalysis, [`mg:${ANALYSIS}/results`]);
    });

    it('prov reads every such export strictly, with every record', { skip }, async () => {
      for (const id of ['model-biophys-microglia-v1', 'model-biophys-microglia-v3', ...onV2.slice(0, 3)]) {
        const doc = await prov(id);
        const file = join(workDir, `${store.name}-${id}.provjson.json`);
        writeFileSync(file, JSON.stringify(doc));
        const run = checkProv(file, recordCount(doc));
        assert.equal(run.status, 0, `${id}: ${run.stderr}`);
      }
    });

    it('keeps the RO-Crate of an affected version valid', { skip }, async () => {
      const crate = (await t.request('GET', '/api/models/model-biophys-microglia-v1/ro-crate')).json();
      const dir = join(workDir, `${store.name}-crate`);
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, 'ro-crate-metadata.json'), JSON.stringify(crate));
      const run = validateRocrate(dir, 'recommended');
      assert.equal(run.status, 0, JSON.stringify(run.report.issues));
    });
  });
}
