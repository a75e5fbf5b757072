/**
 * Factories for the pure cores' tests: valid domain objects with one line of overrides.
 */
import type { ModelSummary, ModelVersion } from '../../src/registry/core/model.ts';

/** A complete, candidate model version of the statistical family. */
export function buildModelVersion(overrides: Partial<ModelVersion> = {}): ModelVersion {
  const id = overrides.id ?? 'model-test-v1';
  return {
    id,
    title: id,
    metadata: {},
    createdBy: 'agent-test',
    modelName: 'model-test',
    versionNumber: 1,
    parentId: null,
    isLatest: true,
    status: 'candidate',
    modelFamily: 'statistical',
    architecture: {},
    parameters: {},
    parameterCount: 10,
    trainingConfig: {},
    evaluationMetrics: {},
    rawQualityScore: 0.5,
    qualityScore: 0.5,
    provenance: { complete: true, missing: [], completeness: 1, retracted: [] },
    trainedBy: 'agent-test',
    evalDatasetId: 'dataset-eval',
    benchmarkId: null,
    runtime: null,
    isRuntimeByAdmin: false,
    createdAt: new Date('2026-01-01T00:00:00.000Z'),
    ...overrides,
  };
}

/** A model version with no links. */
export function buildModelSummary(overrides: Partial<ModelVersion> = {}): ModelSummary {
  return { model: buildModelVersion(overrides), links: [], aliases: [], tags: {} };
}
