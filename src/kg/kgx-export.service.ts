/**
 * The KGX export command (docs/integrations.md#kgx-biolink): the knowledge graph's edges and nodes as KGX
 * JSON Lines, produced batch by batch from a database cursor so memory stays flat however large the graph.
 * The HTTP export streams these chunks into the reply and `modelgraph export-kgx` into files.
 */
import type { Deps } from '../deps.ts';
import { kgxEdgeOf, kgxNodeOf } from './core/kgx.ts';
import type { EdgeFilter } from './edge-list.repository.ts';

export type { EdgeFilter } from './edge-list.repository.ts';

import { countKgxEdges, countKgxNodes, streamKgxEdges, streamKgxNodes } from './kgx-export.repository.ts';

/** The two files of a KGX graph. */
export type KgxFile = 'nodes' | 'edges';

/** A run of JSON Lines (each line ends in `\n`) and how many records it holds. */
export interface KgxChunk {
  text: string;
  records: number;
}

const toLines = (records: Record<string, unknown>[]) =>
  records.map((record) => `${JSON.stringify(record)}\n`).join('');

/**
 * The lines of one KGX file for the edges matching `filter`, one chunk per database batch; the next
 * batch is read only when the consumer asks for the next chunk.
 */
export async function* exportKgx(
  deps: Pick<Deps, 'db'>,
  file: KgxFile,
  filter: EdgeFilter,
): AsyncGenerator<KgxChunk> {
  if (file === 'edges') {
    for await (const rows of streamKgxEdges(deps.db, filter)) {
      yield { text: toLines(rows.map(kgxEdgeOf)), records: rows.length };
    }
  } else {
    for await (const rows of streamKgxNodes(deps.db, filter)) {
      yield { text: toLines(rows.map(kgxNodeOf)), records: rows.length };
    }
  }
}

/** What an export of `filter` holds, and how many matching edges it leaves out. */
export interface KgxExportSize {
  edges: number;
  nodes: number;
  /** Matching edges whose subject or object is not a CURIE KGX accepts (see docs/decisions.md). */
  skipped_edges: number;
}

/** Counts an export before writing it (for a progress bar and the summary). */
export async function measureKgxExport(deps: Pick<Deps, 'db'>, filter: EdgeFilter): Promise<KgxExportSize> {
  const [edges, nodes] = await Promise.all([countKgxEdges(deps.db, filter), countKgxNodes(deps.db, filter)]);
  return { edges: edges.exportable, nodes, skipped_edges: edges.matching - edges.exportable };
}
