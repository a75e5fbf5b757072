/**
 * Markdown as the pages render it (a lineage's description): markdown-it with raw HTML off, so a
 * description can format text but never inject markup, and links limited to safe schemes.
 */
import MarkdownIt from 'markdown-it';
import { type Html, raw } from './html.ts';

const markdown = new MarkdownIt({ html: false, linkify: true, typographer: false });

/** The Markdown text as HTML: escaped, raw HTML shown as text, `javascript:` and the like refused. */
export function renderMarkdown(text: string): Html {
  // markdown-it escapes everything it does not turn into its own markup, and its link validator
  // refuses javascript:, vbscript:, file: and data: (except images) URLs.
  return raw(markdown.render(text));
}
