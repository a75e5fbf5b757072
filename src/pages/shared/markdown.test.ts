import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { renderMarkdown } from './markdown.ts';

describe('renderMarkdown', () => {
  it('formats headings, emphasis, lists and links', () => {
    const out = renderMarkdown(
      '# Title\n\nFits the **TREM2** gate.\n\n- one\n- [docs](https://example.org)',
    ).toString();
    assert.match(out, /<h1>Title<\/h1>/);
    assert.match(out, /<strong>TREM2<\/strong>/);
    assert.match(out, /<li><a href="https:\/\/example.org">docs<\/a><\/li>/);
  });

  it('shows raw HTML as text and refuses javascript: links', () => {
    const out = renderMarkdown(
      '<script>alert(1)</script> <img src=x onerror=alert(1)> [x](javascript:alert(1))',
    ).toString();
    assert.doesNotMatch(out, /<script|<img|href="javascript/);
    assert.match(out, /&lt;script&gt;/);
  });
});
