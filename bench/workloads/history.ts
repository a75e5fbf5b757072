/**
 * A lineage's history on the generated world: `GET /api/models/{name}@{alias}?as_of=` against the
 * plain alias read (the target: within 2×), and `@promoted`, the lineage and its timeline as of a
 * moment against their current reads. The alias is set on the first showcase lineages and moved
 * twice after the moment, so the read as of then must look past the newer events. The alias read's
 * own SQL is run under EXPLAIN to show the index it probes.
 */
import { actingAs } from '../../src/caller.ts';
import { setAlias } from '../../src/registry/models/alias.service.ts';
import { findAliasesAsOf } from '../../src/registry/models/history.repository.ts';
import { runInUnit } from '../../src/unit-of-work.ts';
import type { BenchContext } from '../context.ts';
import { keepAliveClient } from '../http-client.ts';
import type { Table } from '../report.ts';
import { FIXTURES, ids } from '../world/params.ts';
import { compare, indexesUsedBy } from './before-after.ts';

const ALIAS = 'champion';
const EVALUATOR = actingAs('admin');

/** The database's clock now, as `as_of` text with microseconds. */
async function databaseNow(ctx: BenchContext): Promise<string> {
  const [row] = (await ctx.raw(
    `select to_char(clock_timestamp() at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as now`,
  )) as { now: string }[];
  return row.now;
}

/** Points the alias at version `versionNumber` of each lineage. */
async function pointAlias(ctx: BenchContext, lineages: string[], versionNumber: number): Promise<void> {
  for (const modelName of lineages) {
    await runInUnit(ctx.deps, (unit) =>
      setAlias(ctx.deps, { unit, caller: EVALUATOR, modelName, alias: ALIAS, versionNumber }),
    );
  }
}

/** The alias, promoted, lineage and timeline reads, each now against as of a moment. */
export async function benchHistory(ctx: BenchContext): Promise<Table> {
  // Showcase lineages: v1 superseded, v2 archived, v3 promoted, v4 and v5 candidates.
  const lineages = FIXTURES.showcaseLineages.slice(0, 3).map(ids.lineage);
  await pointAlias(ctx, lineages, 1);
  await pointAlias(ctx, lineages, 3);
  const moment = await databaseNow(ctx);
  await pointAlias(ctx, lineages, 4);
  await pointAlias(ctx, lineages, 5);
  const [name] = lineages;
  const asOf = `as_of=${encodeURIComponent(moment)}`;
  const http = keepAliveClient(ctx.baseUrl);
  const rows: (string | number)[][] = [];
  try {
    const alias = `/api/models/${name}@${ALIAS}`;
    rows.push(await compare(ctx, http, `${name}@${ALIAS} (v5 now, v3 then)`, alias, `${alias}?${asOf}`));
    const promoted = `/api/models/${name}@promoted`;
    rows.push(await compare(ctx, http, `${name}@promoted`, promoted, `${promoted}?${asOf}`));
    const lineage = `/api/lineages/${name}`;
    rows.push(await compare(ctx, http, `lineage ${name} with its versions`, lineage, `${lineage}?${asOf}`));
    rows.push(
      await compare(
        ctx,
        http,
        `timeline of ${name} (limit 20) vs the lineage`,
        lineage,
        `${lineage}/timeline?limit=20`,
      ),
    );
  } finally {
    http.close();
  }
  const indexes = await indexesUsedBy(ctx, (db) => findAliasesAsOf(db, name, moment, ALIAS));
  return {
    title: `A lineage's history: now vs as of a moment (${ctx.runs} requests per row)`,
    columns: ['read', 'now p50 ms', 'now p99 ms', 'as_of p50 ms', 'as_of p99 ms', 'p50 ratio', 'p99 ratio'],
    rows,
    notes: [
      `as_of = ${moment}, after @${ALIAS} was set to v1 and moved to v3 on ${lineages.join(', ')}, before it moved on to v4 and v5. The timeline row compares the timeline with the current lineage read.`,
      `Indexes in the plan of the alias read as of the moment (EXPLAIN ANALYZE): ${indexes.join(', ') || 'none'}.`,
    ],
  };
}
