/**
 * The registry's fields of the search language (docs/api.md#filters): what each name means in SQL
 * on the catalog of model versions (`models m`), on the lineage list (`lineages l`), and on the
 * MLflow face's two searches. Reads only; the compiler is `db/filter-sql.ts`.
 */
import { type SQL, sql } from 'drizzle-orm';
import type { ColumnField, FieldTable, FieldType, RelatedField } from '../../db/filter-sql.ts';
import { MODEL_FLAGS, type ModelFlag } from '../core/provenance.ts';

const column = (type: FieldType, expr: SQL, nullable = false): ColumnField => ({
  kind: 'column',
  type,
  expr,
  nullable,
});

const related = (type: FieldType, from: SQL, where: SQL, value: SQL): RelatedField => ({
  kind: 'related',
  type,
  from,
  where,
  value,
});

/**
 * A related field whose rows are those of `from` with `inner = outer` and `scope`, read as an
 * uncorrelated semi-join (`outer in (select inner …)`, `RelatedField.semiJoin`).
 */
const joined = (
  type: FieldType,
  from: SQL,
  join: { outer: SQL; inner: SQL; scope?: SQL },
  value: SQL,
): RelatedField => {
  const scope = join.scope ?? sql`true`;
  return {
    ...related(type, from, sql`${join.inner} = ${join.outer} and ${scope}`, value),
    semiJoin: { outer: join.outer, inner: join.inner, scope },
  };
};

/**
 * A version's metric `name` as a number, null when it has none (or a value that is not a number),
 * read from the version's own JSON: the catalog's sort by `metrics.<name>`.
 */
export function metricOf(name: string): SQL {
  return sql`(case when jsonb_typeof(m.evaluation_metrics -> ${name}) = 'number'
                   then (m.evaluation_metrics ->> ${name})::float8 end)`;
}

/**
 * The flags a version can carry (the list items' `flags`, `flagsOf` in registry/core/provenance.ts),
 * each with the condition on `models m` that raises it — read by `flag=` and by the filter's `flag`
 * field alike. A new flag is one line here.
 */
export const FLAG_CONDITIONS: Record<ModelFlag, SQL> = {
  provenance_incomplete: sql`not m.provenance_complete`,
  retracted_input: sql`m.provenance_retracted <> '[]'::jsonb`,
};

const link = (linkType: string) =>
  joined(
    'text',
    sql`links fl`,
    { outer: sql`m.id`, inner: sql`fl.source_id`, scope: sql`fl.link_type = ${linkType}` },
    sql`fl.target_id`,
  );

/** `trained_on = 'id'` matches a link to any version of the dataset; `'id@3'` only one pinned to version 3. */
const trainedOn: RelatedField = {
  ...link('trained_on'),
  equals: {
    expected: 'a dataset id or id@version',
    condition: (value) => {
      const at = value.indexOf('@');
      if (at < 0) return sql`fl.target_id = ${value}`;
      const version = value.slice(at + 1);
      if (!/^[1-9][0-9]{0,8}$/.test(version)) return undefined;
      return sql`(fl.target_id = ${value.slice(0, at)} and fl.target_version = ${Number(version)})`;
    },
  },
};

/**
 * `metrics.<name>`: the version's numeric metric of that name, found through `model_metrics` (one
 * row per version and metric, indexed by name and value), so a comparison reads only the versions
 * whose metric satisfies it. A version without the metric has no row: the comparison is false and
 * its negation true, as for a null column.
 */
const metric = (name: string) =>
  joined(
    'number',
    sql`model_metrics fx`,
    { outer: sql`m.id`, inner: sql`fx.version_id`, scope: sql`fx.name = ${name}` },
    sql`fx.value`,
  );

const modelTag = (key: string) =>
  joined(
    'text',
    sql`model_tags ft`,
    { outer: sql`m.id`, inner: sql`ft.model_id`, scope: sql`ft.key = ${key}` },
    sql`ft.value`,
  );
const artifactColumn = (expr: SQL) =>
  joined('text', sql`artifacts fa`, { outer: sql`m.id`, inner: sql`fa.id` }, expr);

/** The catalog's fields (`GET /api/models`, `/models`), over `models m`. */
export const MODEL_FIELDS: FieldTable = {
  fields: {
    id: column('text', sql`m.id`),
    model_name: column('text', sql`m.model_name`),
    title: artifactColumn(sql`fa.title`),
    family: column('text', sql`m.model_family`),
    status: column('text', sql`m.status`),
    quality_score: column('number', sql`m.quality_score`),
    raw_quality_score: column('number', sql`m.raw_quality_score`, true),
    parameter_count: { ...column('number', sql`m.parameter_count`, true), integer: true },
    created_at: column('timestamp', sql`m.created_at`),
    created_by: artifactColumn(sql`fa.created_by`),
    trained_by: column('text', sql`m.trained_by`),
    trained_on: trainedOn,
    produced_by: link('produced_by'),
    tests_hypothesis: link('tests_hypothesis'),
    flag: {
      ...related(
        'text',
        sql`(values ${sql.join(
          MODEL_FLAGS.map((name) => sql`(${name}::text, ${FLAG_CONDITIONS[name]})`),
          sql`, `,
        )}) as ff(name, raised)`,
        sql`ff.raised`,
        sql`ff.name`,
      ),
      heldWhen: (name) =>
        Object.hasOwn(FLAG_CONDITIONS, name) ? FLAG_CONDITIONS[name as ModelFlag] : undefined,
    },
    alias: joined(
      'text',
      sql`lineage_aliases fa`,
      { outer: sql`m.id`, inner: sql`fa.version_id` },
      sql`fa.alias`,
    ),
  },
  keyed: {
    metrics: { placeholder: '<name>', field: metric },
    tags: { placeholder: '<key>', field: modelTag },
  },
};

/**
 * The catalog's fields that `model_counts` counts by, over `model_counts m` as well as `models m`
 * (the same column names): a filter over only these is counted from the counters.
 */
export const COUNTED_FIELDS: FieldTable = {
  fields: { family: MODEL_FIELDS.fields.family, status: MODEL_FIELDS.fields.status },
};

const lineageTag = (key: string) =>
  joined(
    'text',
    sql`lineage_tags ft`,
    { outer: sql`l.model_name`, inner: sql`ft.model_name`, scope: sql`ft.key = ${key}` },
    sql`ft.value`,
  );

/** The lineage list's fields (`GET /api/lineages`), over `lineages l`; its title is its latest version's. */
export const LINEAGE_FIELDS: FieldTable = {
  fields: {
    model_name: column('text', sql`l.model_name`),
    title: joined(
      'text',
      sql`models fm join artifacts fa on fa.id = fm.id`,
      { outer: sql`l.model_name`, inner: sql`fm.model_name`, scope: sql`fm.is_latest` },
      sql`fa.title`,
    ),
    maintainer: joined(
      'text',
      sql`lineage_maintainers fm`,
      { outer: sql`l.model_name`, inner: sql`fm.model_name` },
      sql`fm.agent_id`,
    ),
    promoted_quality_score: joined(
      'number',
      sql`models fp`,
      { outer: sql`l.model_name`, inner: sql`fp.model_name`, scope: sql`fp.status = 'promoted'` },
      sql`fp.quality_score`,
    ),
  },
  keyed: { tags: { placeholder: '<key>', field: lineageTag } },
};

/** `registered-models/search` of the MLflow face, over `lineages l`: the name and tags. */
export const MLFLOW_LINEAGE_FIELDS: FieldTable = {
  fields: { name: column('text', sql`l.model_name`) },
  keyed: LINEAGE_FIELDS.keyed,
};

/** `model-versions/search` of the MLflow face, over `models m`: the run id and source are '' when absent. */
export const MLFLOW_VERSION_FIELDS: FieldTable = {
  fields: {
    name: column('text', sql`m.model_name`),
    run_id: column(
      'text',
      sql`coalesce((select a.metadata->>'run_id' from artifacts a where a.id = m.id), '')`,
    ),
    source_path: column(
      'text',
      sql`coalesce((select av.uri from artifact_versions av where av.artifact_id = m.id and av.version_number = 1), '')`,
    ),
    version_number: column('number', sql`m.version_number`),
  },
  keyed: { tags: { placeholder: '<key>', field: modelTag } },
};
