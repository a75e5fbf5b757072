/**
 * Provenance DAGs: what each model version reaches through its links (analyses, their inputs,
 * `derived_from` chains), at most `maxHops` away. One query per hop for all models together.
 */
import { sql } from 'drizzle-orm';
import { type Db, queryRows } from '../db/database.ts';
import type { ProvenanceDag } from './compare.ts';

interface HopRow {
  source_id: string;
  target_id: string;
  link_type: string;
  target_version: number | null;
  target_type: string;
  target_title: string;
}

/** The DAG of each listed model (each model is the root node of its own). */
export async function loadProvenanceDags(
  db: Db,
  roots: { id: string; title: string }[],
  maxHops = 3,
): Promise<Map<string, ProvenanceDag>> {
  const outgoing = new Map<string, HopRow[]>();
  const nodes = new Map<string, { id: string; type: string; title: string }>(
    roots.map((root) => [root.id, { id: root.id, type: 'model', title: root.title }]),
  );
  let frontier = roots.map((root) => root.id);
  for (let hop = 0; hop < maxHops && frontier.length > 0; hop++) {
    const rows = await queryRows<HopRow>(
      db,
      sql`select l.source_id, l.target_id, l.link_type, l.target_version, a.type as target_type, a.title as target_title
            from links l join artifacts a on a.id = l.target_id
           where l.source_id = any(${sql.param(frontier)}::text[])
           order by l.id`,
    );
    for (const id of frontier) outgoing.set(id, []);
    for (const row of rows) {
      outgoing.get(row.source_id)?.push(row);
      if (!nodes.has(row.target_id))
        nodes.set(row.target_id, { id: row.target_id, type: row.target_type, title: row.target_title });
    }
    frontier = [...new Set(rows.map((row) => row.target_id))].filter((id) => !outgoing.has(id));
  }
  return new Map(roots.map((root) => [root.id, walk(root.id, outgoing, nodes, maxHops)]));
}

function walk(
  rootId: string,
  outgoing: Map<string, HopRow[]>,
  nodes: Map<string, { id: string; type: string; title: string }>,
  maxHops: number,
): ProvenanceDag {
  const depth = new Map([[rootId, 0]]);
  const edges: ProvenanceDag['edges'] = [];
  const queue = [rootId];
  while (queue.length > 0) {
    const id = queue.shift() as string;
    const level = depth.get(id) as number;
    if (level >= maxHops) continue;
    for (const row of outgoing.get(id) ?? []) {
      edges.push({
        from: row.source_id,
        to: row.target_id,
        link_type: row.link_type,
        version: row.target_version,
      });
      if (!depth.has(row.target_id)) {
        depth.set(row.target_id, level + 1);
        queue.push(row.target_id);
      }
    }
  }
  return { nodes: [...depth.keys()].map((id) => nodes.get(id) as ProvenanceDag['nodes'][number]), edges };
}
