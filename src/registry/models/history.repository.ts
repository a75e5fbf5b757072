/**
 * A lineage's history read back from its append-only records (docs/concepts.md#history): the version
 * rows (registrations: a row's `created_at` never changes) and the events log (promotions, archives,
 * alias changes, policy changes, decided requests). Reads only; the events are written by the events
 * feature. Each read walks an index: `events_target_idx` per version, `events_alias_history_idx` for
 * an alias, `models_lineage_version_unique` for the versions.
 */
import { type SQL, sql } from 'drizzle-orm';
import { type Db, queryRows } from '../../db/database.ts';
import {
  HISTORY_EVENT_TYPES,
  type HistoryEvent,
  type StatusChange,
  type TimelineKey,
} from '../core/history.ts';

/** A moment as SQL: the canonical `as_of` text, read exactly (microseconds included). */
const moment = (asOf: string) => sql`cast(${asOf} as timestamptz)`;

/** A timestamp column as UTC text with microseconds, the form timeline keys and cursors carry. */
const utcText = (column: SQL) => sql`to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

/** Whether the lineage exists (`exists`) and existed at the moment (`existed`). */
export async function findLineageExistence(db: Db, modelName: string, asOf: string) {
  const [row] = await queryRows<{ existed: boolean }>(
    db,
    sql`select created_at <= ${moment(asOf)} as existed from lineages where model_name = ${modelName}`,
  );
  return { exists: row !== undefined, existed: row?.existed === true };
}

/** Whether the version exists (`exists`) and was registered by the moment (`existed`). */
export async function findVersionExistence(db: Db, id: string, asOf: string) {
  const [row] = await queryRows<{ existed: boolean }>(
    db,
    sql`select created_at <= ${moment(asOf)} as existed from models where id = ${id}`,
  );
  return { exists: row !== undefined, existed: row?.existed === true };
}

/** The versions registered by the moment, oldest first. */
export async function findVersionsAsOf(db: Db, modelName: string, asOf: string) {
  return queryRows<{ id: string; versionNumber: number }>(
    db,
    sql`select id, version_number as "versionNumber" from models
         where model_name = ${modelName} and created_at <= ${moment(asOf)}
         order by version_number`,
  );
}

/** The promotions and archives of the listed versions logged by the moment, in the order they were logged. */
export async function findStatusChangesAsOf(
  db: Db,
  versionIds: string[],
  asOf: string,
): Promise<StatusChange[]> {
  if (versionIds.length === 0) return [];
  return queryRows<StatusChange>(
    db,
    sql`select target_artifact_id as "targetId", event_type as type from events
         where target_artifact_id = any(${sql.param(versionIds)}::text[])
           and event_type in ('model_version_promoted', 'model_version_archived')
           and created_at <= ${moment(asOf)}
         order by created_at, id`,
  );
}

/** The version each alias of the lineage named at the moment (or only `alias`, when given). */
export async function findAliasesAsOf(
  db: Db,
  modelName: string,
  asOf: string,
  alias?: string,
): Promise<Map<string, string>> {
  const onlyAlias = alias === undefined ? sql`` : sql`and detection_metadata->>'alias' = ${alias}`;
  // The last set or delete of each alias by then, newest first within it: one index range per alias.
  const rows = await queryRows<{ alias: string; type: string; to: string | null }>(
    db,
    sql`select distinct on (detection_metadata->>'alias')
               detection_metadata->>'alias' as alias, event_type as type, detection_metadata->>'to' as to
          from events
         where event_type in ('model_alias_set', 'model_alias_deleted')
           and detection_metadata->>'model_name' = ${modelName} ${onlyAlias}
           and created_at <= ${moment(asOf)}
         order by detection_metadata->>'alias', created_at desc, id desc`,
  );
  return new Map(
    rows.flatMap((row) => (row.type === 'model_alias_set' && row.to !== null ? [[row.alias, row.to]] : [])),
  );
}

/** The policy the lineage's last `promotion_policy_set` by the moment set (its wire form), if any. */
export async function findPolicyAsOf(db: Db, modelName: string, asOf: string) {
  const [row] = await queryRows<{ policy: Record<string, unknown> }>(
    db,
    sql`select detection_metadata->'policy' as policy from events
         where target_artifact_id = ${modelName} and event_type = 'promotion_policy_set'
           and created_at <= ${moment(asOf)}
         order by created_at desc, id desc limit 1`,
  );
  return row?.policy;
}

/**
 * Up to `limit` of the lineage's history events, newest first, at or before the cursor's event (its
 * other entries may still be due); their moments as UTC text with microseconds.
 */
export async function findHistoryEvents(
  db: Db,
  modelName: string,
  before: TimelineKey | undefined,
  limit: number,
): Promise<HistoryEvent[]> {
  const position =
    before === undefined
      ? sql``
      : sql`and (created_at < ${moment(before.at)} or (created_at = ${moment(before.at)} and id <= ${before.seq}))`;
  return queryRows<HistoryEvent>(
    db,
    sql`select id::int as id, event_type as "eventType", target_artifact_id as "targetId", actor,
               detection_metadata as metadata, ${utcText(sql`created_at`)} as at
          from events
         where target_artifact_id = any(array(select id from models where model_name = ${modelName}) || ${modelName}::text)
           and event_type = any(${sql.param([...HISTORY_EVENT_TYPES])}::text[]) ${position}
         order by created_at desc, id desc limit ${limit}`,
  );
}

/** Up to `limit` registrations of the lineage's versions, newest first, strictly before the cursor. */
export async function findRegistrations(
  db: Db,
  modelName: string,
  before: TimelineKey | undefined,
  limit: number,
) {
  // A registration sorts as event 0 of its moment, numbered by its version.
  const position =
    before === undefined
      ? sql``
      : sql`and (m.created_at, 0, m.version_number) < (${moment(before.at)}, ${before.seq}::bigint, ${before.sub}::int)`;
  return queryRows<{ id: string; versionNumber: number; actor: string; at: string }>(
    db,
    sql`select m.id, m.version_number as "versionNumber", a.created_by as actor, ${utcText(sql`m.created_at`)} as at
          from models m join artifacts a on a.id = m.id
         where m.model_name = ${modelName} ${position}
         order by m.created_at desc, m.version_number desc limit ${limit}`,
  );
}
