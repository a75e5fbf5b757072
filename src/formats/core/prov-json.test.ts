import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildProvenanceRecord, FITTED_VERSION } from '../../../test/support/provenance-record-factory.ts';
import { buildProvDocument } from './prov-json.ts';
import type { RetractionFacts } from './provenance-record.ts';

type Doc = Record<string, Record<string, Record<string, unknown>>>;
const build = (spec: Parameters<typeof buildProvenanceRecord>[0]) =>
  buildProvDocument(buildProvenanceRecord(spec), { base: 'http://registry.test' }) as Doc;
/** A section's relations as `[first end, second end, type or role]`, sorted. */
const relations = (doc: Doc, section: string) =>
  Object.values(doc[section] ?? {})
    .map((relation) => {
      const [first, second, ...rest] = Object.values(relation);
      const tag = rest.find((value) => typeof value === 'object') as { $: string } | undefined;
      return [first, second, tag?.$ ?? null];
    })
    .sort();

describe('buildProvDocument', () => {
  const doc = build(FITTED_VERSION);

  it("names everything by the server's URLs", () => {
    assert.deepEqual(doc.prefix, {
      mg: 'http://registry.test/api/artifacts/',
      mgagent: 'http://registry.test/api/agents/',
      mgo: 'http://registry.test/ns#',
    });
  });

  it('has an entity per artifact and per pinned version, and the analysis as an activity', () => {
    assert.deepEqual(Object.keys(doc.entity).sort(), [
      'mg:d-loose',
      'mg:d-loose/versions/2',
      'mg:d-raw',
      'mg:d-raw/versions/1',
      'mg:d-train',
      'mg:d-train/versions/4',
      'mg:h',
      'mg:m-v1',
      'mg:m-v2',
    ]);
    assert.deepEqual(Object.keys(doc.activity), ['mg:a-fit']);
    assert.deepEqual(relations(doc, 'specializationOf'), [
      ['mg:d-loose/versions/2', 'mg:d-loose', null],
      ['mg:d-raw/versions/1', 'mg:d-raw', null],
      ['mg:d-train/versions/4', 'mg:d-train', null],
    ]);
  });

  it('says the analysis generated the version, using its inputs and the training data', () => {
    assert.deepEqual(relations(doc, 'wasGeneratedBy'), [['mg:m-v2', 'mg:a-fit', null]]);
    assert.deepEqual(relations(doc, 'used'), [
      ['mg:a-fit', 'mg:d-loose', 'mgo:trained_on'],
      ['mg:a-fit', 'mg:d-raw/versions/1', null],
      ['mg:a-fit', 'mg:d-train/versions/4', 'mgo:trained_on'],
    ]);
  });

  it('derives the version from its parent (a revision) and a dataset from its derived_from source', () => {
    assert.deepEqual(relations(doc, 'wasDerivedFrom'), [
      ['mg:d-raw', 'mg:d-loose/versions/2', null],
      ['mg:m-v2', 'mg:m-v1', 'prov:Revision'],
    ]);
    assert.deepEqual(relations(doc, 'wasInfluencedBy'), [['mg:m-v2', 'mg:h', 'mgo:tests_hypothesis']]);
  });

  it('attributes every entity to its creator and the version to its trainer, who ran the analysis', () => {
    const attributed = relations(doc, 'wasAttributedTo');
    assert.equal(attributed.length, 10);
    assert.deepEqual(
      attributed.filter(([entity]) => entity === 'mg:m-v2'),
      [
        ['mg:m-v2', 'mgagent:registrar', null],
        ['mg:m-v2', 'mgagent:trainer', null],
      ],
    );
    assert.deepEqual(relations(doc, 'wasAssociatedWith'), [
      ['mg:a-fit', 'mgagent:curator', null],
      ['mg:a-fit', 'mgagent:trainer', 'mgo:trainer'],
    ]);
    assert.deepEqual(
      Object.entries(doc.agent).map(([id, agent]) => [id, (agent['prov:type'] as { $: string }).$]),
      [
        ['mgagent:trainer', 'prov:Person'],
        ['mgagent:registrar', 'prov:Person'],
        ['mgagent:curator', 'prov:Person'],
        ['mgagent:ai-pipeline', 'prov:SoftwareAgent'],
      ],
    );
  });

  it('derives a version no analysis produced straight from its training data', () => {
    const bare = build({ artifacts: [['d', 'dataset']], links: [['model-test-v1', 'trained_on', 'd', 1]] });
    assert.equal(bare.used, undefined);
    assert.equal(bare.wasGeneratedBy, undefined);
    assert.deepEqual(relations(bare, 'wasDerivedFrom'), [
      ['mg:model-test-v1', 'mg:d/versions/1', 'mgo:trained_on'],
    ]);
  });

  it('says a link to the wrong kind of artifact as a typed influence, and analysis lineage as information', () => {
    const odd = build({
      artifacts: [
        ['h', 'hypothesis'],
        ['a1', 'analysis'],
        ['a0', 'analysis'],
      ],
      links: [
        ['model-test-v1', 'produced_by', 'h', null],
        ['model-test-v1', 'trained_on', 'a1', null],
        ['a1', 'derived_from', 'a0', null],
      ],
    });
    assert.deepEqual(relations(odd, 'wasInfluencedBy'), [
      ['mg:model-test-v1', 'mg:a1', 'mgo:trained_on'],
      ['mg:model-test-v1', 'mg:h', 'mgo:produced_by'],
    ]);
    assert.deepEqual(relations(odd, 'wasInformedBy'), [['mg:a1', 'mg:a0', null]]);
  });

  describe('a version built on retractions', () => {
    const at = new Date('2026-03-01T10:00:00.000Z');
    const retraction = (
      id: number,
      artifact: [string, string],
      version: number | null,
      reason: string,
    ): RetractionFacts => ({
      id,
      artifact: {
        id: artifact[0],
        type: artifact[1],
        title: `${artifact[1]} ${artifact[0]}`,
        createdBy: 'curator',
        createdAt: at,
        metadata: {},
      },
      version,
      versionFacts:
        version === null
          ? undefined
          : {
              artifactId: artifact[0],
              versionNumber: version,
              digest: null,
              uri: null,
              createdBy: 'ai-late',
              createdAt: at,
            },
      reason,
      evidenceUrl: id === 1 ? 'https://doi.org/10.1000/erratum' : null,
      retractedAt: at,
      retractedBy: 'ai-late',
      agents: [
        { id: 'ai-late', displayName: 'Late agent', kind: 'ai' },
        { id: 'curator', displayName: 'Agent curator', kind: 'human' },
      ],
    });
    const retracted = build({
      ...FITTED_VERSION,
      retractions: [
        retraction(1, ['d-train', 'dataset'], 4, 'mislabelled donors'),
        retraction(2, ['d-far', 'dataset'], null, 'consent withdrawn'),
        retraction(3, ['a-fit', 'analysis'], null, 'the analysis is withdrawn'),
      ],
    });

    it('states each retracted entity’s invalidation by its retraction, with the reason and time', () => {
      const invalidations = Object.values(retracted.wasInvalidatedBy).map((relation) => [
        relation['prov:entity'],
        relation['prov:activity'],
        relation['mgo:reason'],
        relation['prov:time'],
      ]);
      assert.deepEqual(invalidations, [
        ['mg:d-train/versions/4', 'mg:d-train/retractions/1', 'mislabelled donors', at.toISOString()],
        ['mg:d-far', 'mg:d-far/retractions/2', 'consent withdrawn', at.toISOString()],
        ['mg:a-fit/results', 'mg:a-fit/retractions/3', 'the analysis is withdrawn', at.toISOString()],
      ]);
      const activity = retracted.activity['mg:d-train/retractions/1'];
      assert.deepEqual(activity['prov:type'], { $: 'mgo:Retraction', type: 'prov:QUALIFIED_NAME' });
      assert.equal(activity['mgo:reason'], 'mislabelled donors');
      assert.deepEqual(activity['mgo:evidence'], {
        $: 'https://doi.org/10.1000/erratum',
        type: 'xsd:anyURI',
      });
      assert.ok(
        relations(retracted, 'wasAssociatedWith').some(
          ([activityId, agent]) => activityId === 'mg:d-train/retractions/1' && agent === 'mgagent:ai-late',
        ),
      );
    });

    it('declares what the DAG does not reach, and an analysis’s results as the entity it generated', () => {
      assert.ok(retracted.entity['mg:d-far'], 'a retracted dataset beyond the DAG is declared');
      assert.ok(retracted.entity['mg:a-fit/results']);
      assert.ok(
        relations(retracted, 'wasGeneratedBy').some(([e, a]) => e === 'mg:a-fit/results' && a === 'mg:a-fit'),
      );
      assert.ok(retracted.agent['mgagent:ai-late'], 'the retracting agent is declared');
    });

    it('adds nothing about retraction to a version built on none', () => {
      assert.equal(doc.wasInvalidatedBy, undefined);
      assert.ok(!Object.keys(doc.activity).some((id) => id.includes('/retractions/')));
    });
  });
});
