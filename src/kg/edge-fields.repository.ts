/**
 * The knowledge graph's fields of the search language (docs/api.md#filters), over `kg_edges`. The
 * history-kept values (confidence, source) are read from where the list reads them: the row now,
 * or the history entry an `as_of` list stands on. Reads only; the compiler is `db/filter-sql.ts`.
 */
import { type SQL, type SQLWrapper, sql } from 'drizzle-orm';
import { type ColumnField, compileFilter, type FieldType } from '../db/filter-sql.ts';
import type { ParsedFilter } from '../search/core/filter-parser.ts';

/** Where an edge's history-kept values come from: its row now, or a history entry. */
export interface HistoryValues {
  confidence: SQLWrapper;
  sourceArtifactId: SQLWrapper;
}

const column = (type: FieldType, expr: SQLWrapper, nullable = false): ColumnField => ({
  kind: 'column',
  type,
  expr: sql`${expr}`,
  nullable,
});

/** The condition `filter` sets on edges whose history-kept values are `values`. */
export function edgeFilterCondition(filter: ParsedFilter, values: HistoryValues): SQL {
  return compileFilter(filter, {
    fields: {
      subject: column('text', sql`kg_edges.subject`),
      predicate: column('text', sql`kg_edges.predicate`),
      object: column('text', sql`kg_edges.object`),
      confidence: column('number', values.confidence),
      origin: column('text', sql`kg_edges.origin`),
      status: column('text', sql`kg_edges.status`),
      source_artifact_id: column('text', values.sourceArtifactId, true),
      review_flag: column('boolean', sql`kg_edges.review_flag`),
      review_reason: column('text', sql`kg_edges.review_reason`, true),
      created_at: column('timestamp', sql`kg_edges.created_at`),
    },
  });
}
