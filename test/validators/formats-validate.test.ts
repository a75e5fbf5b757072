import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { loadDemoWorld } from '../../src/demo/load-demo.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import { buildModelBody, registerModel } from '../support/factories.ts';
import { pythonUnavailable } from '../support/python.ts';
import { testStores } from '../support/stores.ts';
import { checkProv, openLineageRunEventValidator, validateRocrate } from './offline-tools.ts';

const skip = pythonUnavailable('dev');
const workDir = mkdtempSync(join(tmpdir(), 'mg-formats-'));
after(() => rmSync(workDir, { recursive: true, force: true }));

/** How many records a PROV-JSON document holds: every entry of every section but `prefix`. */
const recordCount = (doc: Record<string, object>) =>
  Object.entries(doc)
    .filter(([section]) => section !== 'prefix')
    .reduce((sum, [, records]) => sum + Object.keys(records).length, 0);

function writeProv(name: string, doc: unknown): string {
  const file = join(workDir, `${name}.provjson.json`);
  writeFileSync(file, JSON.stringify(doc));
  return file;
}

function writeCrate(name: string, crate: unknown): string {
  const dir = join(workDir, name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'ro-crate-metadata.json'), JSON.stringify(crate));
  return dir;
}

for (const store of testStores()) {
  describe(`community validators of the model exports on ${store.name}`, () => {
    let t: TestApp;
    /** A complete version, a capped one, and one registered with no link at all. */
    let samples: string[];
    const fetchJson = async (id: string, format: string) => {
      const response = await t.request('GET', `/api/models/${id}/${format}`);
      assert.equal(response.statusCode, 200, response.body);
      return response.json();
    };

    before(async () => {
      t = await startTestApp(store);
      await loadDemoWorld(t.deps);
      const list = await t.request('GET', '/api/models?all_versions=true&limit=200');
      const models: { id: string; provenance: { complete: boolean } }[] = list.json().models;
      const bare = await registerModel(t, buildModelBody());
      samples = [
        'model-biophys-microglia-v3',
        (models.find((model) => !model.provenance.complete) as { id: string }).id,
        bare.id,
      ];
    });
    after(() => t.close());

    it('prov reads every PROV-JSON export strictly, with every record', { skip }, async () => {
      for (const id of samples) {
        const doc = await fetchJson(id, 'prov');
        const run = checkProv(writeProv(`${store.name}-${id}`, doc), recordCount(doc));
        assert.equal(run.status, 0, `${id}: ${run.stderr}`);
        assert.match(run.stdout, new RegExp(`VALID .*: ${recordCount(doc)} records`));
      }
    });

    it('rocrate-validator passes every RO-Crate export at the RECOMMENDED level with no issue', {
      skip,
    }, async () => {
      for (const id of samples) {
        const run = validateRocrate(
          writeCrate(`${store.name}-${id}`, await fetchJson(id, 'ro-crate')),
          'recommended',
        );
        assert.equal(run.status, 0, `${id}: ${JSON.stringify(run.report.issues)}`);
        assert.equal(run.report.passed, true);
        assert.deepEqual(run.report.issues, []);
        assert.ok(run.report.statistics.total_checks >= 60, 'the REQUIRED and RECOMMENDED checks ran');
      }
    });

    it('every OpenLineage event of every demo version is a valid 2-0-2 RunEvent', async () => {
      const validate = openLineageRunEventValidator();
      const list = await t.request('GET', '/api/models?all_versions=true&limit=200');
      for (const { id } of list.json().models as { id: string }[]) {
        for (const event of (await fetchJson(id, 'openlineage')).events) {
          assert.ok(validate(event), `${id} ${event.eventType}: ${JSON.stringify(validate.errors)}`);
        }
      }
    });
  });
}

describe('the validators reject broken documents (the wiring really validates)', () => {
  let t: TestApp;
  before(async () => {
    t = await startTestApp(testStores()[0]);
    await loadDemoWorld(t.deps);
  });
  after(() => t.close());
  const exported = async (format: string) =>
    (await t.request('GET', `/api/models/model-biophys-microglia-v3/${format}`)).json();

  it('prov refuses a relation to an undeclared prefix, and a record count that is not the one exported', {
    skip,
  }, async () => {
    const doc = await exported('prov');
    const miscounted = checkProv(writeProv('miscounted', doc), recordCount(doc) + 1);
    assert.equal(miscounted.status, 1);
    assert.match(miscounted.stderr, /records, expected/);
    doc.used['_:broken'] = { 'prov:activity': 'run:1', 'prov:entity': 'mg:model-biophys-microglia-v3' };
    const broken = checkProv(writeProv('undeclared-prefix', doc));
    assert.equal(broken.status, 1);
    assert.match(broken.stderr, /INVALID .*run:1/);
  });

  it('rocrate-validator refuses a crate without conformsTo and without a license (REQUIRED)', {
    skip,
  }, async () => {
    const crate = await exported('ro-crate');
    const [descriptor, root] = crate['@graph'];
    delete descriptor.conformsTo;
    delete root.license;
    const run = validateRocrate(writeCrate('broken-crate', crate), 'required');
    assert.equal(run.status, 1);
    assert.equal(run.report.passed, false);
    const failed = new Set(run.report.issues.map((issue) => issue.check.identifier));
    assert.ok(failed.has('ro-crate-1.1_5.3'), `conformsTo is reported: ${[...failed].join(', ')}`);
    assert.ok(failed.has('ro-crate-1.1_8.3'), `the license is reported: ${[...failed].join(', ')}`);
  });

  it('ajv refuses a RunEvent with a bad runId and a bad eventTime, naming both', async () => {
    const validate = openLineageRunEventValidator();
    const [event] = (await exported('openlineage')).events;
    assert.ok(validate(event), JSON.stringify(validate.errors));
    const broken = { ...event, eventTime: 'yesterday', run: { runId: 'run-1' } };
    assert.equal(validate(broken), false);
    const paths = (validate.errors ?? []).map((error) => error.instancePath);
    assert.ok(paths.includes('/eventTime') && paths.includes('/run/runId'), JSON.stringify(validate.errors));
  });
});
