/**
 * The migration that gave edges a review reason: every edge flagged before it was flagged by a
 * rescore, so it comes out as a large decrease; an edge that is not flagged gets no reason.
 * The migrations are applied one by one to a fresh PGlite database, with edges written in between.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { readMigrationFiles } from 'drizzle-orm/migrator';

const MIGRATIONS = fileURLToPath(new URL('../../drizzle', import.meta.url));

describe('the review reason migration', () => {
  it('gives every edge flagged before it the reason large_decrease, and the others none', async () => {
    const migrations = readMigrationFiles({ migrationsFolder: MIGRATIONS });
    const index = migrations.findIndex((migration) =>
      migration.sql.some((statement) => statement.includes('"review_reason" text')),
    );
    assert.ok(index > 0, 'the migration that adds review_reason exists');
    const db = new PGlite({ extensions: { pg_trgm } });
    try {
      for (const migration of migrations.slice(0, index)) {
        for (const statement of migration.sql) await db.exec(statement);
      }
      await db.exec(`insert into kg_edges (id, subject, predicate, object, confidence, origin, knowledge_level, agent_type, review_flag)
                     values ('flagged', 'GENE:A', 'biolink:regulates', 'MONDO:1', 0.2, 'curated', 'knowledge_assertion', 'manual_agent', true),
                            ('plain', 'GENE:B', 'biolink:regulates', 'MONDO:1', 0.8, 'curated', 'knowledge_assertion', 'manual_agent', false)`);
      for (const migration of migrations.slice(index)) {
        for (const statement of migration.sql) await db.exec(statement);
      }
      const { rows } = await db.query<{ id: string; review_reason: string | null }>(
        'select id, review_reason from kg_edges order by id',
      );
      assert.deepEqual(rows, [
        { id: 'flagged', review_reason: 'large_decrease' },
        { id: 'plain', review_reason: null },
      ]);
    } finally {
      await db.close();
    }
  });
});
