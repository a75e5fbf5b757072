/**
 * The one stylesheet of the pages, served at `/assets/style.css`: a system font stack, generous
 * spacing, readable tables, and a layout that folds to one column on narrow screens.
 */
export const STYLESHEET = `
:root {
  --fg: #1f2933; --muted: #616e7c; --line: #e4e7eb; --bg: #f7f8fa; --card: #fff;
  --accent: #2458c6; --warn-bg: #fff4e5; --warn-fg: #8a4b00; --bad: #b42318;
  color-scheme: light;
}
* { box-sizing: border-box; }
body {
  margin: 0; background: var(--bg); color: var(--fg); line-height: 1.5;
  font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
}
a { color: var(--accent); text-decoration: none; }
a:hover, a:focus { text-decoration: underline; }
/* Links in running text are underlined: colour is never the only sign of a link. */
main p a, main li a, main dd a, main td a, main h1 a { text-decoration: underline; text-underline-offset: .15em; text-decoration-thickness: 1px; }
.site-header { background: #102a43; color: #fff; }
.site-header nav { max-width: 1200px; margin: 0 auto; padding: .75rem 1.25rem; display: flex; gap: 1.5rem; align-items: center; flex-wrap: wrap; }
.site-header a { color: #d9e2ec; }
.site-header .brand { color: #fff; font-weight: 700; font-size: 1.1rem; margin-right: auto; }
main { max-width: 1200px; margin: 0 auto; padding: 1.5rem 1.25rem 3rem; }
h1 { font-size: 1.6rem; margin: 0 0 .25rem; }
h2 { font-size: 1.2rem; margin: 2rem 0 .75rem; }
h3 { font-size: 1rem; margin: 1.25rem 0 .5rem; }
.muted { color: var(--muted); }
.card { background: var(--card); border: 1px solid var(--line); border-radius: 8px; padding: 1rem 1.25rem; }
.grid { display: grid; gap: 1rem; grid-template-columns: repeat(auto-fit, minmax(min(100%, 320px), 1fr)); }
.grid > * { min-width: 0; }
.table-wrap { overflow-x: auto; background: var(--card); border: 1px solid var(--line); border-radius: 8px; }
table { border-collapse: collapse; width: 100%; font-size: .92rem; }
th, td { text-align: left; padding: .5rem .75rem; border-bottom: 1px solid var(--line); vertical-align: top; }
th { background: #f0f4f8; font-weight: 600; white-space: nowrap; }
tbody tr:hover { background: #f5f9ff; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
code, pre { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: .88em; }
pre { background: #f0f4f8; padding: .75rem; border-radius: 6px; overflow-x: auto; }
.filters { display: grid; gap: .75rem; grid-template-columns: repeat(auto-fill, minmax(170px, 1fr)); align-items: end; }
.filters label { display: flex; flex-direction: column; font-size: .85rem; color: var(--muted); gap: .2rem; }
.filters label.check { flex-direction: row; align-items: center; gap: .4rem; }
.filters .wide { grid-column: 1 / -1; }
.filters .wide input { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
.filters input[aria-invalid="true"] { border-color: var(--bad); }
.filter-problem { grid-column: 1 / -1; color: var(--bad); }
.filter-problem p { margin: 0 0 .35rem; }
.filter-problem pre { margin: 0 0 .35rem; color: var(--fg); white-space: pre-wrap; overflow-wrap: anywhere; }
.filter-problem mark { background: #fde2e1; color: var(--bad); outline: 1px solid var(--bad); }
input, select, button { font: inherit; padding: .35rem .5rem; border: 1px solid #cbd2d9; border-radius: 6px; background: #fff; color: var(--fg); }
button { background: var(--accent); color: #fff; border-color: var(--accent); cursor: pointer; padding: .4rem .9rem; }
.badge { display: inline-block; padding: 0 .45rem; border-radius: 999px; font-size: .78rem; background: #e4e7eb; color: var(--fg); white-space: nowrap; }
.badge.promoted { background: #dcfce7; color: #14532d; }
.badge.archived, .badge.superseded { background: #f1f5f9; color: var(--muted); }
.flag { display: inline-block; margin-top: .15rem; padding: 0 .45rem; border-radius: 4px; font-size: .78rem; background: var(--warn-bg); color: var(--warn-fg); }
.flagged { color: var(--bad); font-weight: 600; }
.pager { display: flex; gap: 1rem; align-items: center; margin: 1rem 0; }
/* The catalog: a title column wide enough for a title on a line or two, dates never broken. */
td.title { min-width: 16rem; max-width: 32rem; }
td.title .id { overflow-wrap: anywhere; }
td.date { white-space: nowrap; }
.notice { background: #fffbeb; border: 1px solid #f59e0b; border-radius: 6px; padding: .5rem .75rem; margin: 1rem 0 .5rem; }
.toolbar { display: flex; justify-content: space-between; align-items: center; gap: 1rem; margin: 1rem 0 .5rem; flex-wrap: wrap; }
dl.meta { display: grid; grid-template-columns: max-content 1fr; gap: .3rem 1rem; margin: 0; }
dl.meta dt { color: var(--muted); }
dl.meta dd { margin: 0; overflow-wrap: anywhere; }
.markdown > :first-child { margin-top: 0; }
.markdown pre, .markdown code { overflow-wrap: anywhere; white-space: pre-wrap; }
figure { margin: 0; }
figcaption { font-size: .85rem; color: var(--muted); margin-bottom: .25rem; }
svg.graph, svg.chart { max-width: 100%; height: auto; display: block; background: #fff; }
svg text { font-family: system-ui, sans-serif; }
/* The edges graph spans the content width (its viewBox scales it, text with it); a tall one stays
   within the screen's height, centred. */
.attributed-edges svg.graph { width: 100%; max-height: 85vh; }
.legend { display: flex; gap: .75rem; flex-wrap: wrap; font-size: .82rem; margin: .5rem 0; padding: 0; list-style: none; }
.legend li { display: flex; align-items: center; gap: .3rem; }
.swatch { display: inline-block; flex: none; }
.callout { border-radius: 8px; padding: .75rem 1rem; margin: 1rem 0; border: 1px solid; }
.callout p { margin: 0 0 .25rem; }
.callout.warn { background: var(--warn-bg); color: var(--warn-fg); border-color: #f5c27a; }
/* Keys break at their parts (<wbr> after _ . / ,), never mid-word ("state_varia/bles"); values may break anywhere. */
table.config td, table.config code { overflow-wrap: break-word; word-break: normal; }
table.config td + td { overflow-wrap: anywhere; }
.grid.configs { align-items: start; grid-template-columns: repeat(auto-fit, minmax(min(100%, 380px), 1fr)); }
table.config caption { text-align: left; font-weight: 600; padding: .5rem .75rem; }
table.compare caption { text-align: left; padding: .5rem .75rem; }
table.compare td.best { background: #ecfdf3; color: #14532d; }
.delta { font-size: .8rem; }
.delta.better { color: #15803d; }
.delta.worse { color: var(--bad); }
.delta.same, .delta.unknown { color: var(--muted); }
td.direction { white-space: nowrap; color: var(--muted); }
tr.differs th, tr.differs td { background: #fffbeb; }
tr.differs td.changed { background: #fde68a; font-weight: 600; }
.marker { color: var(--warn-fg); font-weight: 700; }
ul.keys { margin: 0; padding-left: 1.1rem; }
.overlap h3 { margin-top: 0; }
.compare-dag { margin-bottom: 1.5rem; }
.grid.bar-charts { margin-top: 1rem; grid-template-columns: repeat(auto-fit, minmax(min(100%, 460px), 1fr)); }
.error-page { text-align: center; padding: 3rem 1rem; }
.impact { margin-top: 1.5rem; }
.impact h2 { margin-top: 0; }
.callout.impact-links { background: #eef4ff; border-color: #b6cdf6; }
.callout.impact-links ul { margin: 0; padding-left: 1.1rem; }
ul.flagged-edges { columns: 2; margin: .5rem 0; }
tr.later td { color: var(--muted); }
.nowrap { white-space: nowrap; }
.wrap-any { overflow-wrap: anywhere; }
a:focus-visible, button:focus-visible, input:focus-visible, select:focus-visible, summary:focus-visible, textarea:focus-visible { outline: 3px solid #f59e0b; outline-offset: 2px; }
a.action { display: inline-block; padding: .3rem .8rem; border: 1px solid var(--accent); border-radius: 6px; }
@media (max-width: 640px) { main { padding: 1rem .75rem 2rem; } th, td { padding: .4rem .5rem; } }
`;
