/**
 * The forms that edit what a lineage or a version says about itself — its Markdown description and
 * its tags — posted to `<base>/description`, `<base>/tags` and `<base>/tags/{key}/remove`, where
 * `<base>` is the lineage's or the version's page. Shown only to an agent who may edit them.
 */
import { MAX_TAG_VALUE } from '../../registry/core/lineage.ts';
import { type Html, html } from './html.ts';

/** The description form, prefilled with the current text. */
export function renderDescriptionForm(base: string, description: string): Html {
  return html`<form method="post" action="${base}/description" class="edit-form" aria-label="Edit the description">
<label for="description-text">Description (Markdown)</label>
<textarea id="description-text" name="description" rows="6" maxlength="100000">${description}</textarea>
<p><button type="submit">Save description</button></p>
</form>`;
}

/** A form that sets a tag (a new key, or a new value for an existing one), and a remove button per tag. */
export function renderTagForms(base: string, tags: Record<string, string>): Html {
  const keys = Object.keys(tags);
  return html`${
    keys.length === 0
      ? ''
      : html`<ul class="inline-actions">${keys.map(
          (key) => html`<li><form method="post" action="${base}/tags/${encodeURIComponent(key)}/remove">
<button type="submit" class="danger">Remove tag <code>${key}</code></button>
</form></li>`,
        )}</ul>`
  }
<form method="post" action="${base}/tags" class="toolbar" aria-label="Set a tag">
<label>Key <input type="text" name="key" required maxlength="128"></label>
<label>Value <input type="text" name="value" maxlength="${MAX_TAG_VALUE}"></label>
<button type="submit">Set tag</button>
</form>`;
}
