/**
 * Cards: the narrow views of lineages and versions that registry clients which only track names,
 * versions, tags and aliases need (the MLflow face) — each page of them one query, tags and
 * aliases aggregated as JSON, without the fat JSON columns of a full version. Reads only.
 */
import { sql } from 'drizzle-orm';
import { type Db, queryRows } from '../../db/database.ts';

/** A version card as one row: the narrow fields, its tags as a JSON object, its aliases as an array. */
export interface VersionCardRow {
  id: string;
  model_name: string;
  version_number: number;
  status: string;
  description: string;
  source_uri: string | null;
  run_id: string | null;
  run_link: string | null;
  model_id: string | null;
  created_by: string;
  created_ms: number;
  updated_ms: number;
  tags: Record<string, string>;
  aliases: string[];
}

// A model version is immutable: its artifact has exactly one version, whose URI is its source.
const CARD_COLUMNS = sql`m.id, m.model_name, m.version_number, m.status, m.description, av.uri as source_uri,
  case when jsonb_typeof(a.metadata->'run_id') = 'string' then a.metadata->>'run_id' end as run_id,
  case when jsonb_typeof(a.metadata->'run_link') = 'string' then a.metadata->>'run_link' end as run_link,
  (select mv.model_id from mlflow_versions mv where mv.version_id = m.id) as model_id,
  a.created_by, floor(extract(epoch from m.created_at) * 1000)::float8 as created_ms,
  floor(extract(epoch from m.updated_at) * 1000)::float8 as updated_ms,
  coalesce((select jsonb_object_agg(t.key, t.value order by t.key) from model_tags t where t.model_id = m.id), '{}') as tags,
  coalesce((select jsonb_agg(la.alias order by la.alias) from lineage_aliases la where la.version_id = m.id), '[]') as aliases`;
const CARD_JOINS = sql`join artifacts a on a.id = m.id
  left join artifact_versions av on av.artifact_id = m.id and av.version_number = 1`;

/** Version cards of the listed ids, in any order, in one query. */
export async function findVersionCardRows(db: Db, ids: string[]): Promise<VersionCardRow[]> {
  if (ids.length === 0) return [];
  return queryRows<VersionCardRow>(
    db,
    sql`select ${CARD_COLUMNS} from models m ${CARD_JOINS} where m.id = any(${sql.param(ids)}::text[])`,
  );
}

/** The card of the newest version of each listed lineage in each status it has, in one query. */
export async function findNewestCardRows(db: Db, modelNames: string[]): Promise<VersionCardRow[]> {
  if (modelNames.length === 0) return [];
  return queryRows<VersionCardRow>(
    db,
    sql`with newest as (
          select distinct on (model_name, status) id from models
           where model_name = any(${sql.param(modelNames)}::text[])
           order by model_name, status, version_number desc)
        select ${CARD_COLUMNS} from newest n join models m on m.id = n.id ${CARD_JOINS}`,
  );
}

/** A lineage card as one row: its own fields, its tags, and the version number each alias names. */
export interface LineageCardRow {
  model_name: string;
  description: string;
  created_ms: number;
  updated_ms: number;
  retired: boolean;
  tags: Record<string, string>;
  aliases: Record<string, number>;
}

/** Lineage cards of the listed names, in any order, in one query. */
export async function findLineageCardRows(db: Db, modelNames: string[]): Promise<LineageCardRow[]> {
  if (modelNames.length === 0) return [];
  return queryRows<LineageCardRow>(
    db,
    sql`select l.model_name, l.description, l.retired_at is not null as retired,
               floor(extract(epoch from l.created_at) * 1000)::float8 as created_ms,
               floor(extract(epoch from l.updated_at) * 1000)::float8 as updated_ms,
               coalesce((select jsonb_object_agg(t.key, t.value order by t.key) from lineage_tags t
                          where t.model_name = l.model_name), '{}') as tags,
               coalesce((select jsonb_object_agg(la.alias, m.version_number order by la.alias)
                           from lineage_aliases la join models m on m.id = la.version_id
                          where la.model_name = l.model_name), '{}') as aliases
          from lineages l where l.model_name = any(${sql.param(modelNames)}::text[])`,
  );
}
