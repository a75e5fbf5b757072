/**
 * One repository owns the SQL that writes each table: this test reads every source file under
 * src/ and fails when a table is written (raw `insert into` / `update` / `delete from`, or
 * Drizzle's `.insert()` / `.update()` / `.delete()`) anywhere but in its owner.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, it } from 'node:test';
import { getTableConfig, type PgTable } from 'drizzle-orm/pg-core';
import * as schema from '../../src/db/schema.ts';

const ROOT = join(import.meta.dirname, '../..');

/** The repository that owns each table's writes (`model_counts` and `model_metrics` are written by triggers only). */
const OWNERS: Record<string, string | null> = {
  agents: 'src/agents/agent.repository.ts',
  tokens: 'src/agents/token.repository.ts',
  artifacts: 'src/registry/artifacts/artifact.repository.ts',
  artifact_versions: 'src/registry/artifacts/artifact.repository.ts',
  links: 'src/registry/artifacts/artifact.repository.ts',
  retractions: 'src/registry/artifacts/retraction.repository.ts',
  models: 'src/registry/models/model.repository.ts',
  lineages: 'src/registry/lineages/lineage.repository.ts',
  lineage_maintainers: 'src/registry/lineages/lineage.repository.ts',
  promotion_policies: 'src/registry/lineages/policy.repository.ts',
  promotion_requests: 'src/governance/promotion-request.repository.ts',
  promotion_request_decisions: 'src/governance/promotion-request.repository.ts',
  lineage_aliases: 'src/registry/models/alias.repository.ts',
  lineage_tags: 'src/registry/models/tag.repository.ts',
  model_tags: 'src/registry/models/tag.repository.ts',
  model_counts: null,
  model_metrics: null,
  events: 'src/events/event.repository.ts',
  kg_edges: 'src/kg/edge.repository.ts',
  edge_history: 'src/kg/edge.repository.ts',
  kg_nodes: 'src/kg/node.repository.ts',
  rescore_queue: 'src/jobs/rescore/rescore.repository.ts',
  rescore_skips: 'src/jobs/rescore/rescore.repository.ts',
  rescore_passes: 'src/jobs/rescore/rescore.repository.ts',
  tool_calls: 'src/jobs/job.repository.ts',
  ledger_accounts: 'src/credit/ledger.repository.ts',
  ledger_transfers: 'src/credit/ledger.repository.ts',
  ledger_mints: 'src/credit/ledger.repository.ts',
  credit_payouts: 'src/credit/payout.repository.ts',
  credit_payout_lines: 'src/credit/payout.repository.ts',
  webhooks: 'src/webhooks/webhook.repository.ts',
  deliveries: 'src/webhooks/delivery.repository.ts',
  mlflow_versions: 'src/registry/models/mlflow-version.repository.ts',
};

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [path] : [];
  });
}

/** Every schema table: its SQL name and the name of its Drizzle export. */
const TABLES = Object.entries(schema).flatMap(([exportName, value]) => {
  try {
    return [{ sqlName: getTableConfig(value as PgTable).name, exportName }];
  } catch {
    return [];
  }
});

/** The tables a file's text writes. */
function tablesWrittenBy(text: string): Set<string> {
  const written = new Set<string>();
  for (const { sqlName, exportName } of TABLES) {
    const raw = new RegExp(`\\b(insert\\s+into|update|delete\\s+from)\\s+${sqlName}\\b`, 'i');
    const drizzle = new RegExp(`\\.(insert|update|delete)\\(\\s*${exportName}\\b`);
    if (raw.test(text) || drizzle.test(text)) written.add(sqlName);
  }
  return written;
}

describe('table ownership', () => {
  it('names an owner for every table of the schema', () => {
    assert.deepEqual(TABLES.map((table) => table.sqlName).sort(), Object.keys(OWNERS).sort());
  });

  it('writes each table only in its owner repository', () => {
    const strays: string[] = [];
    for (const file of sourceFiles(join(ROOT, 'src'))) {
      const path = relative(ROOT, file);
      if (path === 'src/db/schema.ts') continue;
      for (const table of tablesWrittenBy(readFileSync(file, 'utf8'))) {
        if (OWNERS[table] !== path)
          strays.push(`${path} writes ${table} (owner: ${OWNERS[table] ?? 'triggers'})`);
      }
    }
    assert.deepEqual(strays, []);
  });

  it('sees a write where there is one', () => {
    assert.deepEqual([...tablesWrittenBy('await tx.update(models).set({ status })')], ['models']);
    assert.deepEqual(
      [...tablesWrittenBy('sql`insert into edge_history (edge_id) values (1)`')],
      ['edge_history'],
    );
  });
});
