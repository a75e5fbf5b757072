/**
 * A model version's quality score as the pages show it, with the flags that cap it: incomplete
 * provenance, and a retracted input.
 */
import { ruleInWords } from '../../registry/core/provenance.ts';
import type { ModelListItemJson } from '../../registry/models/model.schemas.ts';
import { type Html, html } from './html.ts';

/** The missing provenance rules in words, each with its code as a tooltip. */
function renderMissing(missing: string[]): Html {
  return html`${missing.map(
    (code, index) => html`${index > 0 ? ', ' : ''}<span title="${code}">${ruleInWords(code)}</span>`,
  )}`;
}

/** The retracted artifacts (or versions) a version is built on, as `id` or `id v2`. */
function retractedTargets(item: Pick<ModelListItemJson, 'provenance'>): string {
  return (item.provenance.retracted ?? [])
    .map((target) =>
      target.version === null ? target.artifact_id : `${target.artifact_id} v${target.version}`,
    )
    .join(', ');
}

/**
 * The quality cell: the score, and a visible flag for each cap — when provenance is incomplete (naming
 * the missing rules) and when the version is built on a retraction (naming what was retracted).
 */
export function renderQuality(item: Pick<ModelListItemJson, 'quality_score' | 'provenance'>): Html {
  const incomplete = item.provenance.complete
    ? ''
    : html`<br><span class="flag">⚠ provenance incomplete</span><br><span class="muted">missing ${renderMissing(item.provenance.missing)}</span>`;
  const retracted =
    (item.provenance.retracted ?? []).length === 0
      ? ''
      : html`<br><span class="flag">⚠ retracted input</span><br><span class="muted">built on: ${retractedTargets(item)}</span>`;
  return html`<strong>${item.quality_score.toFixed(2)}</strong>${incomplete}${retracted}`;
}
