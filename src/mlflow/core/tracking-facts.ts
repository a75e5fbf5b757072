/**
 * What an MLflow tracking server says about a logged model and a run, read from its REST answers
 * (`GET /api/2.0/mlflow/logged-models/{model_id}`, `GET /api/2.0/mlflow/runs/get`) into plain
 * data: the run that made a logged model, and a run's parameters, latest metrics and the dataset
 * inputs it logged (`mlflow.log_input`). Pure: no HTTP. An answer of the wrong shape throws
 * `BadTrackingAnswer`.
 */

/** A dataset input a run logged: the dataset and the context it was used in. */
export interface TrackedDataset {
  name: string;
  /** MLflow's digest of the dataset's content. */
  digest: string;
  /** `code`, `local`, `s3`, `http`, … */
  sourceType: string;
  /** MLflow's JSON description of where the data came from. */
  source: string;
  /** The `mlflow.data.context` tag (`training`, `evaluation`, …), or null when it has none. */
  context: string | null;
}

/** A run as the enrichment uses it. */
export interface TrackedRun {
  runId: string;
  runName: string | null;
  experimentId: string | null;
  userId: string | null;
  status: string | null;
  artifactUri: string | null;
  /** Parameters as MLflow keeps them: strings. */
  params: Record<string, string>;
  /** The latest value of each metric; values that are not finite numbers are left out. */
  metrics: Record<string, number>;
  datasets: TrackedDataset[];
}

/** An answer that is not what MLflow's REST API sends. */
export class BadTrackingAnswer extends Error {}

type Json = Record<string, unknown>;

function objectAt(value: unknown, path: string): Json {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new BadTrackingAnswer(`the tracking server's answer has no object '${path}'`);
  }
  return value as Json;
}

const stringOr = (value: unknown, fallback: string | null = null) =>
  typeof value === 'string' ? value : fallback;

function listAt(parent: Json, key: string): Json[] {
  const value = parent[key];
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value))
    throw new BadTrackingAnswer(`'${key}' in the tracking server's answer is not a list`);
  return value.map((item) => objectAt(item, key));
}

/** The run that made a logged model (`source_run_id`), or null when it was logged outside a run. */
export function sourceRunOfLoggedModel(answer: unknown): string | null {
  const info = objectAt(objectAt(objectAt(answer, 'answer').model, 'model').info, 'model.info');
  return stringOr(info.source_run_id) || null;
}

function keyValues(entries: Json[]): [string, unknown][] {
  return entries.flatMap((entry) => (typeof entry.key === 'string' ? [[entry.key, entry.value]] : []));
}

function datasetOf(input: Json): TrackedDataset | undefined {
  const dataset = input.dataset;
  if (typeof dataset !== 'object' || dataset === null) return undefined;
  const fields = dataset as Json;
  const context = keyValues(listAt(input, 'tags')).find(([key]) => key === 'mlflow.data.context')?.[1];
  return {
    name: stringOr(fields.name, '') as string,
    digest: stringOr(fields.digest, '') as string,
    sourceType: stringOr(fields.source_type, '') as string,
    source: stringOr(fields.source, '') as string,
    context: typeof context === 'string' && context !== '' ? context : null,
  };
}

/** A run's facts from the answer of `runs/get`. */
export function trackedRunOf(answer: unknown): TrackedRun {
  const run = objectAt(objectAt(answer, 'answer').run, 'run');
  const info = objectAt(run.info, 'run.info');
  const data = run.data === undefined ? {} : objectAt(run.data, 'run.data');
  const inputs = run.inputs === undefined ? {} : objectAt(run.inputs, 'run.inputs');
  const runId = stringOr(info.run_id) || stringOr(info.run_uuid);
  if (!runId) throw new BadTrackingAnswer("the tracking server's run has no run_id");
  const metrics = keyValues(listAt(data, 'metrics')).filter(
    (entry): entry is [string, number] => typeof entry[1] === 'number' && Number.isFinite(entry[1]),
  );
  return {
    runId,
    runName: stringOr(info.run_name),
    experimentId: stringOr(info.experiment_id),
    userId: stringOr(info.user_id),
    status: stringOr(info.status),
    artifactUri: stringOr(info.artifact_uri),
    params: Object.fromEntries(
      keyValues(listAt(data, 'params')).map(([key, value]) => [key, String(value ?? '')]),
    ),
    metrics: Object.fromEntries(metrics),
    datasets: listAt(inputs, 'dataset_inputs').flatMap((input) => datasetOf(input) ?? []),
  };
}
