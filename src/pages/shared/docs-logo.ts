/**
 * What the API documentation page (`/docs`, swagger-ui) takes from the pages: a logo that reads
 * "← modelgraph", the script that links it back to the catalog, and the hash of the one inline style swagger-ui's
 * own script applies, so its CSP can allow that style and no other.
 */

/** The logo swagger-ui shows top left, as SVG; it links to `/models`. */
export const DOCS_LOGO_SVG = `<svg xmlns="http://www.w3.org/2000/svg" width="220" height="40" viewBox="0 0 220 40">
<text x="0" y="27" font-family="system-ui, sans-serif" font-size="22" font-weight="700" fill="#ffffff">← modelgraph</text>
</svg>
`;

/** The CSP source of the inline style swagger-ui (6.x) applies, as Chromium reports it. */
export const SWAGGER_UI_STYLE_HASH = 'sha256-RL3ie0nH+Lzz2YNqQN83mnU0J1ot4QL7b99vMdIX99w=';

/**
 * Points swagger-ui's logo link at the catalog and names it (swagger-ui drops the logo's own
 * `href` on the image). Served as a script file from `/docs`, so the page's CSP needs no inline code.
 */
export const DOCS_BACK_LINK_JS = `(function () {
  function fix() {
    var link = document.querySelector('.topbar-wrapper a.link');
    var img = link && link.querySelector('img');
    if (!img) return false;
    link.href = '/models';
    img.alt = 'Back to modelgraph';
    return true;
  }
  window.addEventListener('load', function () {
    if (fix()) return;
    new MutationObserver(function (_, observer) {
      if (fix()) observer.disconnect();
    }).observe(document.body, { childList: true, subtree: true });
  });
})();
`;
