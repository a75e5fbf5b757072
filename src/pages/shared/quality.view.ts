/**
 * A model version's quality score as the pages show it, with the provenance flag when it is capped.
 */
import type { ModelListItemJson } from '../../registry/models/model.schemas.ts';
import { type Html, html } from './html.ts';

/** The quality cell: the score, and when provenance is incomplete a visible flag naming the missing rules. */
export function renderQuality(item: Pick<ModelListItemJson, 'quality_score' | 'provenance'>): Html {
  const flag = item.provenance.complete
    ? ''
    : html`<br><span class="flag">⚠ provenance incomplete</span><br><span class="muted">missing: ${item.provenance.missing.join(', ')}</span>`;
  return html`<strong>${item.quality_score.toFixed(2)}</strong>${flag}`;
}
