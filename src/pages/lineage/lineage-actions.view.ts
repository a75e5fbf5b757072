/**
 * The lineage page's alias forms: set or move an alias to a version, and remove one — shown only
 * to an agent who may (scope `evaluate`; a protected alias also needs `admin`, which the command
 * checks).
 */
import type { Caller } from '../../caller.ts';
import type { presentLineageDetail } from '../../registry/models/lineage.presenter.ts';
import { type Html, html } from '../shared/html.ts';
import { mayTake } from '../shared/page-actions.ts';

type LineageView = ReturnType<typeof presentLineageDetail>;

/** The form that sets or moves an alias, or nothing. */
export function renderAliasForm(lineage: LineageView, caller: Caller | undefined): Html | '' {
  if (!mayTake(caller, 'set_alias')) return '';
  const base = `/lineages/${encodeURIComponent(lineage.model_name)}`;
  const versions = lineage.versions.filter((version) => version.status !== 'archived');
  return html`<form method="post" action="${base}/aliases" class="toolbar" aria-label="Set or move an alias">
<label>Alias <input type="text" name="alias" required maxlength="64" placeholder="e.g. production"></label>
<label>Version <select name="version" required>${versions.map(
    (version) =>
      html`<option value="${version.version_number}">v${version.version_number} (${version.status})</option>`,
  )}</select></label>
<button type="submit">Set alias</button>
</form>`;
}

/** The remove button of one alias, or nothing (a protected alias only for `admin`). */
export function renderRemoveAlias(
  modelName: string,
  alias: string,
  caller: Caller | undefined,
  aliasProtected: boolean,
): Html | '' {
  if (!mayTake(caller, 'remove_alias', { aliasProtected })) return '';
  const action = `/lineages/${encodeURIComponent(modelName)}/aliases/${encodeURIComponent(alias)}/remove`;
  return html`<form method="post" action="${action}"><button type="submit" class="danger" aria-label="Remove alias @${alias}">Remove</button></form>`;
}
