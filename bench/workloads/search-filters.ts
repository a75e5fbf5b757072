/**
 * The search workload's questions: filters of `GET /api/models` mixing OR, IN, NOT, tags, metrics
 * and `trained_on`, each beside the hand-written SQL a DBA would write for it over `models m` (the
 * latest versions, as the API's default), with `$1…` parameters. Shared by the workload and by the
 * test that checks each filter's plan uses indexes (test/bench/search-plans.test.ts).
 */

/** One question two ways. */
export interface SearchFilterCase {
  label: string;
  filter: string;
  /** The same condition by hand, over `models m`. */
  where: string;
  params: unknown[];
}

/** The ids a case names: a popular dataset, a hypothesis, an agent (`bench/world/params.ts` spells them). */
export interface SearchFilterIds {
  datasetId: string;
  otherDatasetId: string;
  hypothesisId: string;
  agentId: string;
}

// A metric condition as a DBA would write it now that each metric is a row of model_metrics.
const metric = (name: string, condition: string) =>
  `m.id in (select mm.version_id from model_metrics mm where mm.name = '${name}' and mm.value ${condition})`;
const link = (type: string, target: string) =>
  `exists (select 1 from links l where l.source_id = m.id and l.link_type = '${type}' and ${target})`;
const tag = (key: string, value: string) =>
  `exists (select 1 from model_tags t where t.model_id = m.id and t.key = '${key}' and t.value = ${value})`;

/** At least ten filters, every connective and every kind of field among them. */
export function searchFilterCases(ids: SearchFilterIds): SearchFilterCase[] {
  const { datasetId: d, otherDatasetId: d2, hypothesisId: h, agentId: a } = ids;
  return [
    {
      label: 'the scientist: trained on D v1 or v2, AUC > 0.8, not archived, validated',
      filter: `trained_on IN ('${d}@1', '${d}@2') AND metrics.auc > 0.8 AND status != 'archived' AND tags.validated = 'true'`,
      where: `${link('trained_on', 'l.target_id = $1 and l.target_version in (1, 2)')} and ${metric('auc', '> 0.8')}
              and m.status <> 'archived' and ${tag('validated', "'true'")}`,
      params: [d],
    },
    {
      label: 'trained on either of two datasets (OR)',
      filter: `trained_on = '${d}' OR trained_on = '${d2}'`,
      where: link('trained_on', 'l.target_id in ($1, $2)'),
      params: [d, d2],
    },
    {
      label: 'family IN and a metric',
      filter: `family IN ('deep_learning', 'statistical') AND metrics.r2 > 0.9`,
      where: `m.model_family in ('deep_learning', 'statistical') and ${metric('r2', '> 0.9')}`,
      params: [],
    },
    {
      label: 'biophysical OR a low RMSE',
      filter: `family = 'biophysical' OR metrics.rmse < 0.01`,
      where: `(m.model_family = 'biophysical' or ${metric('rmse', '< 0.01')})`,
      params: [],
    },
    {
      label: 'NOT statistical, promoted or candidate',
      filter: `status IN ('promoted', 'candidate') AND NOT family = 'statistical'`,
      where: `m.status in ('promoted', 'candidate') and m.model_family <> 'statistical'`,
      params: [],
    },
    {
      label: 'a tag and a score',
      filter: `tags.validated = 'true' AND quality_score >= 0.7`,
      where: `${tag('validated', "'true'")} and m.quality_score >= 0.7`,
      params: [],
    },
    {
      label: 'NOT flagged, large models',
      filter: `NOT flag = 'provenance_incomplete' AND parameter_count > 1000000`,
      where: 'm.provenance_complete and m.parameter_count > 1000000',
      params: [],
    },
    {
      label: 'an alias and a metric',
      filter: `alias = 'champion' AND metrics.accuracy > 0.95`,
      where: `exists (select 1 from lineage_aliases la where la.version_id = m.id and la.alias = 'champion')
              and ${metric('accuracy', '> 0.95')}`,
      params: [],
    },
    {
      label: 'two metrics OR-ed, in a period',
      filter: `(metrics.auc > 0.95 OR metrics.r2 > 0.99) AND created_at >= '2020-01-01'`,
      where: `(${metric('auc', '> 0.95')} or ${metric('r2', '> 0.99')}) and m.created_at >= '2020-01-01'::timestamptz`,
      params: [],
    },
    {
      label: 'a hypothesis OR an agent',
      filter: `tests_hypothesis = '${h}' OR trained_by = '${a}'`,
      where: `(${link('tests_hypothesis', 'l.target_id = $1')} or m.trained_by = $2)`,
      params: [h, a],
    },
    {
      label: 'NOT IN statuses, a tag absent',
      filter: `status NOT IN ('archived', 'superseded') AND tags.validated IS NULL`,
      where: `m.status not in ('archived', 'superseded')
              and not exists (select 1 from model_tags t where t.model_id = m.id and t.key = 'validated')`,
      params: [],
    },
    {
      label: 'a title pattern and a dataset',
      filter: `title ILIKE '%cortex%' AND trained_on = '${d}'`,
      where: `m.id in (select x.id from artifacts x where x.title ilike '%cortex%') and ${link('trained_on', 'l.target_id = $1')}`,
      params: [d],
    },
  ];
}
