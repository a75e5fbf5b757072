/**
 * Side-by-side comparison of model versions (`GET /api/models/compare`), as a pure
 * function over already-loaded data.
 */
import type { ModelSummary } from './model.ts';
import type { ProvenanceDag } from './provenance-dag.ts';

/** What the comparison needs to know about one model version. */
export interface ComparedModel {
  summary: ModelSummary;
  /** `trained_on` datasets as `id` or `id@version` when pinned. */
  trainingData: string[];
  /** Everything the model and its producing analyses consumed, keyed the same way. */
  inputs: string[];
  dag: ProvenanceDag;
}

const LOWER_IS_BETTER = ['rmse', 'mae', 'mse', 'loss', 'aic', 'bic', 'log_loss', 'perplexity'];
const HIGHER_IS_BETTER = ['accuracy', 'auc', 'roc_auc', 'f1', 'precision', 'recall', 'r2'];

/** Whether a lower or a higher value of a metric is better; prefixed names like `val_rmse` count too. */
export function metricDirection(metric: string): 'lower_is_better' | 'higher_is_better' | 'unknown' {
  const name = metric.toLowerCase();
  const matches = (known: string) =>
    name === known || name.endsWith(`_${known}`) || name.endsWith(`.${known}`);
  // Check the exact name first so `roc_auc` is not read as a suffix of something else.
  if (LOWER_IS_BETTER.includes(name)) return 'lower_is_better';
  if (HIGHER_IS_BETTER.includes(name)) return 'higher_is_better';
  if (LOWER_IS_BETTER.some(matches)) return 'lower_is_better';
  if (HIGHER_IS_BETTER.some(matches)) return 'higher_is_better';
  return 'unknown';
}

/** Flattens nested objects into dot-paths; arrays and scalars are leaves. */
export function flattenObject(value: Record<string, unknown>, prefix: string): Map<string, unknown> {
  const flat = new Map<string, unknown>();
  for (const [key, child] of Object.entries(value)) {
    const path = `${prefix}.${key}`;
    if (
      child !== null &&
      typeof child === 'object' &&
      !Array.isArray(child) &&
      Object.keys(child).length > 0
    ) {
      for (const [childPath, leaf] of flattenObject(child as Record<string, unknown>, path))
        flat.set(childPath, leaf);
    } else {
      flat.set(path, child);
    }
  }
  return flat;
}

function metadataDiff(models: ComparedModel[]) {
  const fields = new Set<string>();
  const flats = models.map((model) => {
    const flat = new Map<string, unknown>([
      ['model_family', model.summary.model.modelFamily],
      ['parameter_count', model.summary.model.parameterCount],
    ]);
    for (const [name, value] of [
      ['architecture', model.summary.model.architecture],
      ['parameters', model.summary.model.parameters],
      ['training_config', model.summary.model.trainingConfig],
    ] as const) {
      for (const [path, leaf] of flattenObject(value, name)) flat.set(path, leaf);
    }
    for (const field of flat.keys()) fields.add(field);
    return flat;
  });
  return [...fields].map((field) => {
    const values: Record<string, unknown> = {};
    const first = new SameAs(flats[0]?.get(field) ?? null);
    let differs = false;
    for (const [i, model] of models.entries()) {
      const value = flats[i].get(field) ?? null;
      values[model.summary.model.id] = value;
      if (!differs && !first.matches(value)) differs = true;
    }
    return { field, values, differs };
  });
}

/**
 * Equality as the diff means it: scalars by value, objects and arrays by their JSON (written once
 * for the value compared against, not once per comparison).
 */
class SameAs {
  private json: string | undefined;
  constructor(private readonly value: unknown) {}
  matches(other: unknown): boolean {
    if (!isObject(this.value) || !isObject(other)) return this.value === other;
    this.json ??= JSON.stringify(this.value);
    return this.json === JSON.stringify(other);
  }
}

const isObject = (value: unknown): value is object => typeof value === 'object' && value !== null;

function metricTable(models: ComparedModel[]) {
  const metrics = [
    ...new Set(models.flatMap((model) => Object.keys(model.summary.model.evaluationMetrics))),
  ].sort();
  return metrics.map((metric) => {
    const direction = metricDirection(metric);
    const values = Object.fromEntries(
      models.map((model) => [model.summary.model.id, model.summary.model.evaluationMetrics[metric] ?? null]),
    );
    let best: string | null = null;
    if (direction !== 'unknown') {
      const sign = direction === 'lower_is_better' ? 1 : -1;
      for (const model of models) {
        const value = values[model.summary.model.id];
        if (value !== null && (best === null || sign * value < sign * (values[best] as number)))
          best = model.summary.model.id;
      }
    }
    return { metric, values, direction, best };
  });
}

/** Keys every model has, and per model the keys no other model has. */
export function overlap(keysById: Map<string, string[]>) {
  const sets = [...keysById].map(([id, keys]) => [id, new Set(keys)] as const);
  // How many models name each key: one pass over every model's keys, not one per key and model.
  const holders = new Map<string, number>();
  for (const [, set] of sets) for (const key of set) holders.set(key, (holders.get(key) ?? 0) + 1);
  const shared = [...holders].filter(([, n]) => n === sets.length).map(([key]) => key);
  const unique = Object.fromEntries(
    sets.map(([id, set]) => [id, [...set].filter((key) => holders.get(key) === 1).sort()]),
  );
  return { shared: shared.sort(), unique, union: holders.size };
}

function warningsOf(models: ComparedModel[]) {
  const evalDatasets = new Set(models.map((model) => model.summary.model.evalDatasetId));
  if (evalDatasets.size <= 1) return [];
  return [
    {
      code: 'eval_dataset_mismatch',
      message: 'the models were not evaluated on the same dataset: their metrics are not directly comparable',
      ids: models.map((model) => model.summary.model.id),
      eval_datasets: Object.fromEntries(
        models.map((model) => [model.summary.model.id, model.summary.model.evalDatasetId]),
      ),
    },
  ];
}

/** The comparison, with the compared versions as summaries. */
export type Comparison = ReturnType<typeof compareModels>;

/** Builds the comparison for models given in the order asked. */
export function compareModels(models: ComparedModel[]) {
  const training = overlap(new Map(models.map((model) => [model.summary.model.id, model.trainingData])));
  const inputs = overlap(new Map(models.map((model) => [model.summary.model.id, model.inputs])));
  return {
    models: models.map((model) => model.summary),
    metadata_diff: metadataDiff(models),
    metrics: metricTable(models),
    training_data: {
      shared: training.shared,
      unique: training.unique,
      // Jaccard of the sets is undefined when no model names training data at all.
      jaccard: training.union === 0 ? null : training.shared.length / training.union,
    },
    inputs: { shared: inputs.shared, unique: inputs.unique },
    provenance: Object.fromEntries(
      models.map((model) => [
        model.summary.model.id,
        {
          complete: model.summary.model.provenance.complete,
          missing: model.summary.model.provenance.missing,
          dag: model.dag,
        },
      ]),
    ),
    warnings: warningsOf(models),
  };
}
