/**
 * Where the pages send a reader for a provenance node, an agent or a graph node: always a page,
 * never the API's JSON. Pure.
 */
import { type NodeNames, nodeLabel } from '../../kg/core/node.ts';
import { type Html, html } from './html.ts';

/** The page of an artifact: a model version's model page, any other artifact's artifact page. */
export function artifactHref(id: string, type?: string | null): string {
  return type === 'model' ? `/models/${encodeURIComponent(id)}` : `/artifacts/${encodeURIComponent(id)}`;
}

/** A link to an artifact's page, reading `text` (its id when none is given). */
export function artifactLink(id: string, type?: string | null, text?: string): Html {
  return html`<a href="${artifactHref(id, type)}">${text ?? id}</a>`;
}

/** A link to an agent's page. */
export function agentLink(id: string): Html {
  return html`<a href="/agents/${encodeURIComponent(id)}">${id}</a>`;
}

/** A graph node as text, `name (CURIE)` when it has a name, linked to the edges that name it. */
export function nodeLink(id: string, names: NodeNames, side: 'subject' | 'object'): Html {
  return html`<a href="/kg/edges?${side}=${encodeURIComponent(id)}">${nodeLabel(id, names)}</a>`;
}
