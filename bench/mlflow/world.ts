/**
 * The same registry twice: the modelgraph world `bench/generate.ts` loaded (100,000 lineages,
 * 300,000 versions on the full size) gets a `team` tag per lineage, a `validated` tag on each head
 * and a `champion` alias on it; MLflow's own tables get exactly those registered models, versions
 * (same names, numbers, times and stages), tags and aliases, copied set-based from it.
 */
import pg from 'pg';
import type { RawSql } from '../context.ts';

/** Tags and aliases on the modelgraph world (idempotent, so `--reuse` runs keep them). */
export async function decorateModelgraphWorld(raw: RawSql): Promise<void> {
  await raw(`insert into lineage_tags (model_name, key, value)
             select model_name, 'team', 'team-' || (abs(hashtext(model_name)) % 50) from lineages
             on conflict do nothing`);
  await raw(`insert into model_tags (model_id, key, value)
             select id, 'validated', case when version_number % 2 = 0 then 'true' else 'false' end
               from models where is_latest on conflict do nothing`);
  await raw(`insert into lineage_aliases (model_name, alias, version_id, set_by)
             select model_name, 'champion', id, 'admin' from models where is_latest and status <> 'archived'
             on conflict do nothing`);
  await raw('analyze lineage_tags, model_tags, lineage_aliases');
}

interface VersionRow {
  model_name: string;
  version_number: number;
  created_ms: string;
  updated_ms: string;
  stage: string;
  is_latest: boolean;
}

/** Copies the modelgraph world's registry into MLflow's tables in the database at `mlflowUrl`. */
export async function loadMlflowWorld(
  raw: RawSql,
  mlflowUrl: string,
): Promise<{ models: number; versions: number }> {
  const lineages =
    (await raw(`select model_name, (extract(epoch from created_at) * 1000)::bigint::text as created_ms,
                                      (extract(epoch from updated_at) * 1000)::bigint::text as updated_ms,
                                      'team-' || (abs(hashtext(model_name)) % 50) as team
                                 from lineages where retired_at is null`)) as {
      model_name: string;
      created_ms: string;
      updated_ms: string;
      team: string;
    }[];
  const versions = (await raw(`select m.model_name, m.version_number,
                                      (extract(epoch from m.created_at) * 1000)::bigint::text as created_ms,
                                      (extract(epoch from m.updated_at) * 1000)::bigint::text as updated_ms,
                                      case m.status when 'promoted' then 'Production' when 'archived' then 'Archived'
                                                    else 'None' end as stage, m.is_latest
                                 from models m join lineages l on l.model_name = m.model_name
                                where l.retired_at is null`)) as VersionRow[];
  const client = new pg.Client({ connectionString: mlflowUrl });
  await client.connect();
  try {
    const column = <T>(rows: T[], key: keyof T) => rows.map((row) => row[key]);
    await client.query('begin');
    await client.query(
      `insert into registered_models (name, creation_time, last_updated_time, description, workspace)
       select name, c, u, null, 'default' from unnest($1::text[], $2::bigint[], $3::bigint[]) as t(name, c, u)`,
      [column(lineages, 'model_name'), column(lineages, 'created_ms'), column(lineages, 'updated_ms')],
    );
    await client.query(
      `insert into registered_model_tags (key, value, name, workspace)
       select 'team', team, name, 'default' from unnest($1::text[], $2::text[]) as t(name, team)`,
      [column(lineages, 'model_name'), column(lineages, 'team')],
    );
    await client.query(
      `insert into model_versions (name, version, creation_time, last_updated_time, description, user_id,
                                   current_stage, source, run_id, status, status_message, run_link,
                                   storage_location, workspace)
       select name, v, c, u, null, null, stage, 's3://bench-bucket/' || name || '/v' || v, md5(name || v), 'READY',
              null, '', 's3://bench-bucket/' || name || '/v' || v, 'default'
         from unnest($1::text[], $2::int[], $3::bigint[], $4::bigint[], $5::text[]) as t(name, v, c, u, stage)`,
      [
        column(versions, 'model_name'),
        column(versions, 'version_number'),
        column(versions, 'created_ms'),
        column(versions, 'updated_ms'),
        column(versions, 'stage'),
      ],
    );
    const heads = versions.filter((row) => row.is_latest);
    await client.query(
      `insert into model_version_tags (key, value, name, version, workspace)
       select 'validated', case when v % 2 = 0 then 'true' else 'false' end, name, v, 'default'
         from unnest($1::text[], $2::int[]) as t(name, v)`,
      [column(heads, 'model_name'), column(heads, 'version_number')],
    );
    const aliased = heads.filter((row) => row.stage !== 'Archived');
    await client.query(
      `insert into registered_model_aliases (alias, version, name, workspace)
       select 'champion', v, name, 'default' from unnest($1::text[], $2::int[]) as t(name, v)`,
      [column(aliased, 'model_name'), column(aliased, 'version_number')],
    );
    await client.query('commit');
    await client.query(
      'analyze registered_models, model_versions, registered_model_tags, model_version_tags, registered_model_aliases',
    );
  } finally {
    await client.end();
  }
  return { models: lineages.length, versions: versions.length };
}
