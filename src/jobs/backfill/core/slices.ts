/**
 * How the backfill splits its work: resolved edges grouped by model lineage, lineages dealt to
 * workers by a stable hash so that no two workers ever touch the same lineage, and each worker's
 * share cut into chunks that each fit one transaction.
 */

/** The backfill rule that recovered an edge's producer. */
export type AttributionRule = 'model_id' | 'model_name' | 'analysis';

/** Edges that resolve to the same model version by the same rule (or to nothing: all nulls). */
export interface ResolvedGroup {
  lineage: string | null;
  rule: AttributionRule | null;
  modelId: string | null;
  versionNumber: number | null;
  edgeIds: string[];
}

/** A group that a rule resolved: every field set. */
export interface AttributedGroup extends ResolvedGroup {
  lineage: string;
  rule: AttributionRule;
  modelId: string;
  versionNumber: number;
}

/** Whether a rule resolved this group (the unresolved group has every field null). */
export function isAttributed(group: ResolvedGroup): group is AttributedGroup {
  return (
    group.lineage !== null && group.rule !== null && group.modelId !== null && group.versionNumber !== null
  );
}

/** One transaction's worth of attributions, as parallel columns ready for `unnest`. */
export interface AttributionChunk {
  /** The lineages whose edges are in this chunk, sorted; the transaction locks each of them. */
  lineages: string[];
  edgeIds: string[];
  modelIds: string[];
  versionNumbers: number[];
  rules: AttributionRule[];
}

/** The whole pass: one list of chunks per worker, then the edges no rule could resolve. */
export interface SlicePlan {
  workers: AttributionChunk[][];
  unknownChunks: string[][];
}

/**
 * The worker a lineage belongs to: FNV-1a over the name's UTF-16 code units, modulo `workers`.
 * Stable across processes, so two passes with the same worker count cut identical slices.
 */
export function lineageSlot(lineage: string, workers: number): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < lineage.length; i++) {
    hash ^= lineage.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash % workers;
}

/** Cuts `items` into consecutive pieces of at most `size` (`size` ≥ 1). */
export function chunkList<T>(items: T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let i = 0; i < items.length; i += size) chunks.push(items.slice(i, i + size));
  return chunks;
}

// Code-unit order: the same on every machine, unlike localeCompare.
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function newChunk(): AttributionChunk {
  return { lineages: [], edgeIds: [], modelIds: [], versionNumbers: [], rules: [] };
}

/**
 * Deals resolved groups to `workers` disjoint slices by lineage and cuts each slice into chunks
 * of at most `chunkSize` edges. Lineages and edges are taken in code-unit order so the plan does
 * not depend on the order the database returned the groups in.
 */
export function planSlices(groups: ResolvedGroup[], workers: number, chunkSize: number): SlicePlan {
  const byLineage = new Map<string, AttributedGroup[]>();
  const unknown: string[] = [];
  for (const group of groups) {
    if (!isAttributed(group)) {
      // A loop, not a spread: the unknown group can hold more ids than a call takes arguments.
      for (const edgeId of group.edgeIds) unknown.push(edgeId);
      continue;
    }
    const list = byLineage.get(group.lineage) ?? [];
    list.push(group);
    byLineage.set(group.lineage, list);
  }
  const lineages = [...byLineage.keys()].sort(compareText);
  const slices: AttributionChunk[][] = Array.from({ length: workers }, () => []);
  const open: AttributionChunk[] = Array.from({ length: workers }, newChunk);
  for (const lineage of lineages) {
    const slot = lineageSlot(lineage, workers);
    const edges = (byLineage.get(lineage) ?? []).flatMap((group) =>
      group.edgeIds.map((id) => ({ id, group })),
    );
    for (const { id, group } of edges.sort((a, b) => compareText(a.id, b.id))) {
      if (open[slot].edgeIds.length === chunkSize) {
        slices[slot].push(open[slot]);
        open[slot] = newChunk();
      }
      const chunk = open[slot];
      if (chunk.lineages.at(-1) !== lineage) chunk.lineages.push(lineage);
      chunk.edgeIds.push(id);
      chunk.modelIds.push(group.modelId);
      chunk.versionNumbers.push(group.versionNumber);
      chunk.rules.push(group.rule);
    }
  }
  open.forEach((chunk, slot) => {
    if (chunk.edgeIds.length > 0) slices[slot].push(chunk);
  });
  return { workers: slices, unknownChunks: chunkList(unknown.sort(compareText), chunkSize) };
}
