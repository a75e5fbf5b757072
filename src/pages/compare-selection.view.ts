/**
 * `/models/compare`: where the catalog's compare form lands. It accepts the ids both as
 * `ids=a,b` and as repeated `ids=a&ids=b` (what ticking several checkboxes sends). The side-by-side
 * page is a later slice; until then this page lists the selection and links to the JSON comparison.
 */
import { Type } from 'typebox';
import { type Html, html } from './html.ts';
import { renderLayout } from './layout.view.ts';

/** The query: one or more `ids` values, each possibly comma-separated. */
export const ComparePageQuery = Type.Object(
  { ids: Type.Array(Type.String({ minLength: 1, maxLength: 6500 }), { minItems: 1, maxItems: 50 }) },
  { additionalProperties: false },
);

/** The selected ids in order, each once, whichever of the two forms sent them. */
export function selectedIds(values: string[]): string[] {
  return [
    ...new Set(
      values
        .flatMap((value) => value.split(','))
        .map((id) => id.trim())
        .filter(Boolean),
    ),
  ];
}

/** The holding page for a selection. */
export function renderCompareSelection(ids: string[]): Html {
  const api = `/api/models/compare?ids=${ids.map(encodeURIComponent).join(',')}`;
  return renderLayout({
    title: 'Compare models',
    body: html`<h1>Compare models</h1>
<p>${ids.length} version${ids.length === 1 ? '' : 's'} selected:</p>
<ul>${ids.map((id) => html`<li><a href="/models/${encodeURIComponent(id)}">${id}</a></li>`)}</ul>
<p>${ids.length < 2 ? 'Select at least two versions to compare them. ' : ''}<a href="${api}">The comparison as JSON</a> (metrics, configuration differences, shared and unique inputs, provenance).</p>
<p><a href="/models">Back to the catalog</a></p>`,
  });
}
