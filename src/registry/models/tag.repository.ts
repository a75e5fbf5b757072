/**
 * Tags of lineages and model versions in the database — the only SQL on `lineage_tags` and
 * `model_tags`. A set returns the value it replaced, so the tag's event can name it.
 */
import { and, asc, eq, inArray, type SQL, sql } from 'drizzle-orm';
import { type Db, queryRows, type Tx } from '../../db/database.ts';
import { lineageTags, modelTags } from '../../db/schema.ts';
import type { TagFilter } from '../core/lineage.ts';

/** What a tag set or delete changed. */
export interface TagChange {
  key: string;
  value: string | null;
  previous: string | null;
}

/** Sets a lineage tag; returns the value it replaced (null when new). */
export async function setLineageTag(
  tx: Tx,
  modelName: string,
  key: string,
  value: string,
): Promise<string | null> {
  const [row] = await queryRows<{ previous: string | null }>(
    tx,
    sql`with old as (select value from lineage_tags where model_name = ${modelName} and key = ${key} for update),
             upserted as (
               insert into lineage_tags (model_name, key, value) values (${modelName}, ${key}, ${value})
               on conflict (model_name, key) do update set value = excluded.value, updated_at = now())
        select (select value from old) as previous`,
  );
  return row.previous;
}

/** Sets a model version tag; returns the value it replaced (null when new). */
export async function setModelTag(
  tx: Tx,
  modelId: string,
  key: string,
  value: string,
): Promise<string | null> {
  const [row] = await queryRows<{ previous: string | null }>(
    tx,
    sql`with old as (select value from model_tags where model_id = ${modelId} and key = ${key} for update),
             upserted as (
               insert into model_tags (model_id, key, value) values (${modelId}, ${key}, ${value})
               on conflict (model_id, key) do update set value = excluded.value, updated_at = now())
        select (select value from old) as previous`,
  );
  return row.previous;
}

/** Deletes a lineage tag; returns its value, or undefined when there was none. */
export async function deleteLineageTag(tx: Tx, modelName: string, key: string): Promise<string | undefined> {
  const [row] = await tx
    .delete(lineageTags)
    .where(and(eq(lineageTags.modelName, modelName), eq(lineageTags.key, key)))
    .returning({ value: lineageTags.value });
  return row?.value;
}

/** Deletes a model version tag; returns its value, or undefined when there was none. */
export async function deleteModelTag(tx: Tx, modelId: string, key: string): Promise<string | undefined> {
  const [row] = await tx
    .delete(modelTags)
    .where(and(eq(modelTags.modelId, modelId), eq(modelTags.key, key)))
    .returning({ value: modelTags.value });
  return row?.value;
}

/** The tags of each listed lineage, as key → value. */
export async function findLineageTags(
  db: Db,
  modelNames: string[],
): Promise<Map<string, Record<string, string>>> {
  const byLineage = new Map<string, Record<string, string>>(modelNames.map((name) => [name, {}]));
  if (modelNames.length === 0) return byLineage;
  const rows = await db
    .select({ name: lineageTags.modelName, key: lineageTags.key, value: lineageTags.value })
    .from(lineageTags)
    .where(inArray(lineageTags.modelName, modelNames))
    .orderBy(asc(lineageTags.key));
  for (const row of rows) {
    const tags = byLineage.get(row.name);
    if (tags) tags[row.key] = row.value;
  }
  return byLineage;
}

/** `exists` conditions for tag filters against a tag table, for the owner expression `owner`. */
export function tagConditions(tags: TagFilter[], table: 'lineage_tags' | 'model_tags', owner: SQL): SQL[] {
  const key = sql.raw(table === 'lineage_tags' ? 'model_name' : 'model_id');
  return tags.map(
    (tag) =>
      sql`exists (select 1 from ${sql.raw(table)} t where t.${key} = ${owner} and t.key = ${tag.key}
                  ${tag.value === undefined ? sql`` : sql`and t.value = ${tag.value}`})`,
  );
}
