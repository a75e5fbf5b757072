/**
 * The agent page (`/agents/{id}`): its kind, the lineages it maintains, the versions it trained and
 * registered, the promotions it made, the payouts it received with their total, and its balance.
 */
import { formatCredits, formatDate } from '../shared/format.ts';
import { type Html, html } from '../shared/html.ts';
import { renderLayout } from '../shared/layout.view.ts';
import { artifactLink } from '../shared/links.view.ts';
import type { AgentPageData } from './agent-page.query.ts';

const none = (text: string) => html`<p class="muted">${text}</p>`;
const more = (shown: number, total: number) =>
  total > shown ? html`<p class="muted">The newest ${shown} of ${total}.</p>` : '';

function renderLineages(data: AgentPageData): Html {
  if (data.lineages.length === 0) return none('Maintains no lineage.');
  return html`<ul>${data.lineages.map((name) => html`<li><a href="/lineages/${encodeURIComponent(name)}">${name}</a></li>`)}</ul>`;
}

function renderVersions(data: AgentPageData): Html {
  if (data.versions.length === 0) return none('Trained or registered no model version.');
  return html`<div class="table-wrap"><table>
<thead><tr><th scope="col">Version</th><th scope="col">Status</th><th scope="col">Trained</th><th scope="col">Registered</th><th scope="col">Created</th></tr></thead>
<tbody>${data.versions.map(
    (
      version,
    ) => html`<tr><td>${artifactLink(version.id, 'model', `${version.modelName} v${version.versionNumber}`)} <span class="muted">${version.title}</span></td>
<td><span class="badge ${version.status}">${version.status}</span></td><td>${version.trained ? 'yes' : 'no'}</td><td>${version.registered ? 'yes' : 'no'}</td>
<td class="nowrap">${formatDate(version.createdAt.toISOString())}</td></tr>`,
  )}</tbody>
</table></div>${more(data.versions.length, data.versionsTotal)}`;
}

function renderPromotions(data: AgentPageData): Html {
  if (data.promotions.length === 0) return none('Promoted no model version.');
  return html`<div class="table-wrap"><table>
<thead><tr><th scope="col">Promoted</th><th scope="col">When</th><th scope="col">Event</th></tr></thead>
<tbody>${data.promotions.map(
    (event) =>
      html`<tr><td>${artifactLink(event.targetArtifactId, 'model')}</td><td class="nowrap">${formatDate(event.createdAt.toISOString())}</td><td>#${event.id}</td></tr>`,
  )}</tbody>
</table></div>${more(data.promotions.length, data.promotionsTotal)}`;
}

function renderPayouts(data: AgentPageData): Html {
  const { payouts, count, totalMicro } = data.payouts;
  if (count === 0) return none('Received no payout yet.');
  return html`<p>${count} payout${count === 1 ? '' : 's'}, <strong data-payout-total>${formatCredits(totalMicro)}</strong> credits in all.</p>
<div class="table-wrap"><table>
<thead><tr><th scope="col">When</th><th scope="col" class="num">Credits</th><th scope="col">For promotion</th></tr></thead>
<tbody>${payouts.map(
    (payout) =>
      html`<tr><td class="nowrap">${formatDate(payout.createdAt.toISOString())}</td><td class="num">${formatCredits(payout.amountMicro)}</td><td>${payout.eventId === null ? html`<span class="muted">—</span>` : `#${payout.eventId}`}</td></tr>`,
  )}</tbody>
</table></div>${more(payouts.length, count)}`;
}

/** The whole agent page. */
export function renderAgentPage(data: AgentPageData): Html {
  const { agent } = data;
  const row = (label: string, value: Html | string) => html`<dt>${label}</dt><dd>${value}</dd>`;
  return renderLayout({
    title: agent.display_name,
    body: html`<p class="muted"><a href="/models">Models</a> › agent</p>
<h1>${agent.display_name}</h1>
<p class="muted"><code>${agent.id}</code> · <a href="/api/agents/${encodeURIComponent(agent.id)}">JSON</a></p>
<dl class="meta card">
${row('Kind', agent.kind)}
${row('Active', agent.active ? 'yes' : html`<span class="flagged">no (deactivated)</span>`)}
${row('Wallet balance', html`<strong data-balance>${formatCredits(data.balanceMicro)}</strong> credits`)}
${row('Since', formatDate(agent.created_at))}
</dl>
<section aria-labelledby="h-lineages"><h2 id="h-lineages">Lineages maintained</h2>${renderLineages(data)}</section>
<section aria-labelledby="h-versions"><h2 id="h-versions">Versions trained and registered</h2>${renderVersions(data)}</section>
<section aria-labelledby="h-promotions"><h2 id="h-promotions">Promotions made</h2>${renderPromotions(data)}</section>
<section aria-labelledby="h-payouts"><h2 id="h-payouts">Payouts received</h2>${renderPayouts(data)}</section>`,
  });
}
