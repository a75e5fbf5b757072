/**
 * Filling what a registration left empty (from what another system knows, such as the MLflow
 * tracking server): of the values offered, only those for fields the version has nothing in are
 * kept, so what the registrant sent or declared through `modelgraph.*` tags always stays. Pure.
 */
import type { Pin } from './links.ts';

/** What a version holds in the fields a fill may set. */
export interface FillableState {
  runId: string | null;
  parameters: Record<string, unknown>;
  evaluationMetrics: Record<string, number>;
  evalDatasetId: string | null;
  /** The types of the version's outgoing links (`trained_on`, `produced_by`, `input`, …). */
  linkTypes: ReadonlySet<string>;
}

/** Values offered for a version's empty fields; an absent or empty value offers nothing. */
export interface RegistrationFill {
  runId?: string;
  parameters?: Record<string, unknown>;
  evaluationMetrics?: Record<string, number>;
  /** The analysis that produced it (a `produced_by` link). */
  producedBy?: string;
  /** Datasets it was trained on (`trained_on` links). */
  trainedOn?: Pin[];
  evalDatasetId?: string;
  /** Other artifacts it consumed (`input` links). */
  inputs?: Pin[];
}

const isFilled = (value: object) => Object.keys(value).length > 0;

/** The part of `offered` that goes into fields `state` has nothing in. */
export function fillOfEmpty(state: FillableState, offered: RegistrationFill): RegistrationFill {
  const fill: RegistrationFill = {};
  if (!state.runId && offered.runId) fill.runId = offered.runId;
  if (!isFilled(state.parameters) && offered.parameters && isFilled(offered.parameters)) {
    fill.parameters = offered.parameters;
  }
  if (
    !isFilled(state.evaluationMetrics) &&
    offered.evaluationMetrics &&
    isFilled(offered.evaluationMetrics)
  ) {
    fill.evaluationMetrics = offered.evaluationMetrics;
  }
  if (!state.linkTypes.has('produced_by') && offered.producedBy) fill.producedBy = offered.producedBy;
  if (!state.linkTypes.has('trained_on') && offered.trainedOn?.length) fill.trainedOn = offered.trainedOn;
  if (!state.evalDatasetId && offered.evalDatasetId) fill.evalDatasetId = offered.evalDatasetId;
  if (!state.linkTypes.has('input') && offered.inputs?.length) fill.inputs = offered.inputs;
  return fill;
}

/** The wire names of the fields a fill sets, for the events log. */
export function filledFieldNames(fill: RegistrationFill): string[] {
  const names: [keyof RegistrationFill, string][] = [
    ['runId', 'run_id'],
    ['parameters', 'parameters'],
    ['evaluationMetrics', 'evaluation_metrics'],
    ['producedBy', 'produced_by'],
    ['trainedOn', 'trained_on'],
    ['evalDatasetId', 'eval_dataset_id'],
    ['inputs', 'inputs'],
  ];
  return names.filter(([key]) => fill[key] !== undefined).map(([, name]) => name);
}
