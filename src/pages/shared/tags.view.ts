/**
 * Tags as the pages show them: a two-column table of key and value.
 */
import { type Html, html } from './html.ts';

/** The tags, sorted by key, or a note that there are none. */
export function renderTagTable(tags: Record<string, string>): Html {
  const entries = Object.entries(tags).sort(([a], [b]) => a.localeCompare(b));
  if (entries.length === 0) return html`<p class="muted">No tags.</p>`;
  return html`<div class="table-wrap"><table>
<thead><tr><th scope="col">Key</th><th scope="col">Value</th></tr></thead>
<tbody>${entries.map(([key, value]) => html`<tr><td><code>${key}</code></td><td>${value}</td></tr>`)}</tbody>
</table></div>`;
}
