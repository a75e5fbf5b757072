import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { escapeHtml, html, raw } from './html.ts';

describe('html', () => {
  it('escapes every interpolated string, quotes included', () => {
    const title = `<script>alert("x")</script> & 'y'`;
    assert.equal(
      html`<p title="${title}">${title}</p>`.toString(),
      '<p title="&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;y&#39;">' +
        '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;y&#39;</p>',
    );
  });

  it('keeps nested html and raw() markup, and escapes everything else', () => {
    const inner = html`<b>${'<i>'}</b>`;
    assert.equal(html`<p>${inner}${raw('<br>')}</p>`.toString(), '<p><b>&lt;i&gt;</b><br></p>');
  });

  it('joins lists and renders nothing for null, undefined and false', () => {
    const items = ['a<', 'b'].map((item) => html`<li>${item}</li>`);
    assert.equal(
      html`<ul>${items}${null}${undefined}${false}</ul>`.toString(),
      '<ul><li>a&lt;</li><li>b</li></ul>',
    );
  });

  it('renders numbers and true as text', () => {
    assert.equal(html`${0}|${1.5}|${true}`.toString(), '0|1.5|true');
  });

  it('does not treat a string that looks like markup as markup', () => {
    assert.equal(escapeHtml('&amp;'), '&amp;amp;');
  });
});
