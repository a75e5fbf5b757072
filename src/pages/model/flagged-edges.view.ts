/**
 * The edge panel's line about review: how many of the version's edges are flagged, with a link to
 * the review queue filtered to them (the panel draws only the strongest edges, which are often not
 * the flagged ones).
 */
import { type Html, html } from '../shared/html.ts';

/** The review queue's address for the flagged edges of one version. */
export const reviewQueueOf = (modelId: string) =>
  `/kg/review?source_artifact_id=${encodeURIComponent(modelId)}`;

/** "n of the version's edges are flagged for review" with the link, or a calm line when none are. */
export function renderFlaggedEdgesLine(modelId: string, counts: { count: number; flagged: number }): Html {
  if (counts.count === 0) return html``;
  if (counts.flagged === 0) {
    return html`<p class="muted">None of this version's ${counts.count} edges is flagged for review.</p>`;
  }
  const edges = counts.flagged === 1 ? 'edge is' : 'edges are';
  return html`<p class="callout warn"><span class="flagged">⚑</span> ${counts.flagged} of this version's ${counts.count} ${edges} flagged for review. <a href="${reviewQueueOf(modelId)}">Review the flagged edges of this version</a></p>`;
}
