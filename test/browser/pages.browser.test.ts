/**
 * The pages in a real browser: Debian's Chromium (playwright-core) against `serve` with the demo
 * world. Each page loads with no console error, exception or failed request; its graphs are drawn
 * (SVG present with a non-zero size and shapes inside); filters, sorting and pagination work by
 * clicking; compare opens from the catalog selection; keep and retract work on the review page;
 * every DAG's Mermaid text is accepted by `mermaid.parse` (run in the browser: Mermaid needs a DOM).
 */
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { expectNoSeriousAxeViolations } from '../support/axe.ts';
import {
  adminApi,
  assertDrawn,
  browserUnavailable,
  evaluatorToken,
  expectCleanPage,
  promoteAndRescore,
  useChromium,
} from '../support/browser.ts';

const MERMAID_BUNDLE = createRequire(import.meta.url).resolve('mermaid/dist/mermaid.min.js');

/** The model ids of the catalog's rows, in order. */
const rowIds = (page: Page) =>
  page
    .locator('input[type=checkbox][name=ids]')
    .evaluateAll((boxes) => boxes.map((box) => (box as HTMLInputElement).value));

/** The text of one column (1-based) of every catalog row. */
const columnTexts = (page: Page, column: number) =>
  page.locator(`tbody tr td:nth-child(${column})`).allInnerTexts();

/** Nothing on the page is wider than the main column, and no card or table hides a sideways scroll at 1280 px. */
async function assertNoHorizontalOverflow(page: Page): Promise<void> {
  const overflow = await page.evaluate(() => {
    const main = document.querySelector('main');
    if (!main) return ['no <main>'];
    const right = main.getBoundingClientRect().right;
    return [...main.querySelectorAll('.card, .table-wrap')]
      .filter(
        (card) => card.getBoundingClientRect().right > right + 1 || card.scrollWidth > card.clientWidth + 1,
      )
      .map((card) => card.outerHTML.slice(0, 120));
  });
  assert.deepEqual(overflow, []);
}

const unavailable = browserUnavailable();

describe('pages in Chromium against the demo world', { skip: unavailable }, () => {
  const ui = useChromium();
  /** Opens a path and checks it answered 200 with the page title. */
  const open = async (path: string) => {
    const response = await ui.page.goto(`${ui.demo.baseUrl}${path}`);
    assert.equal(response?.status(), 200, path);
    assert.match(await ui.page.title(), / · modelgraph$/);
  };

  /** The Mermaid text of every DAG on the current page, each checked by `mermaid.parse`. */
  const assertMermaidParses = async () => {
    const sources = await ui.page.locator('pre.mermaid-source').allTextContents();
    assert.ok(sources.length > 0, 'no Mermaid text on the page');
    const checker = await ui.browser.newPage();
    try {
      await checker.setContent('<!DOCTYPE html><html lang="en"><title>mermaid</title></html>');
      await checker.addScriptTag({ path: MERMAID_BUNDLE });
      for (const source of sources) {
        assert.match(source, /^flowchart LR\n/);
        const result = await checker.evaluate(
          (text) =>
            (globalThis as unknown as { mermaid: { parse(t: string): Promise<unknown> } }).mermaid
              .parse(text)
              .then((parsed) => ({ parsed }))
              .catch((error: Error) => ({ error: error.message })),
          source,
        );
        assert.ok(!('error' in result), `mermaid.parse refused:\n${source}\n${JSON.stringify(result)}`);
        assert.deepEqual(result, { parsed: { diagramType: 'flowchart-v2', config: {} } });
      }
    } finally {
      await checker.close();
    }
  };

  it('opens the catalog from / with the demo models and no console errors', async () => {
    await open('/');
    assert.equal(new URL(ui.page.url()).pathname, '/models');
    assert.equal(await ui.page.locator('h1').innerText(), 'Models');
    assert.ok((await rowIds(ui.page)).length >= 10);
    assert.ok(
      (await ui.page.locator('.flag').count()) > 0,
      'the provenance flag shows on incomplete versions',
    );
    await expectNoSeriousAxeViolations(ui.page);
    assert.deepEqual(ui.watched.problems, []);
  });

  it('filters and sorts by clicking, keeping the state in the URL', async () => {
    await open('/models');
    const form = ui.page.getByRole('form', { name: 'Filter and sort models' });
    await form.getByLabel('Family').selectOption('biophysical');
    await form.getByLabel('Sort by').selectOption('quality_score');
    await form.getByLabel('Order').selectOption('asc');
    await Promise.all([
      ui.page.waitForURL(/family=biophysical/),
      form.getByRole('button', { name: 'Apply' }).click(),
    ]);

    const url = new URL(ui.page.url());
    assert.equal(url.searchParams.get('sort'), 'quality_score');
    assert.equal(url.searchParams.get('order'), 'asc');
    const families = await columnTexts(ui.page, 5);
    assert.ok(families.length > 0);
    assert.deepEqual(new Set(families), new Set(['biophysical']));
    const scores = (await columnTexts(ui.page, 7)).map((text) => Number.parseFloat(text));
    assert.deepEqual(
      scores,
      [...scores].sort((a, b) => a - b),
      'ascending quality',
    );
    assert.equal(await form.getByLabel('Family').inputValue(), 'biophysical', 'the form keeps its values');

    await form.getByLabel('Search title or id').fill('microglia');
    await Promise.all([
      ui.page.waitForURL(/q=microglia/),
      form.getByRole('button', { name: 'Apply' }).click(),
    ]);
    const ids = await rowIds(ui.page);
    assert.ok(ids.length > 0 && ids.every((id) => id.includes('microglia')), ids.join());
    await expectNoSeriousAxeViolations(ui.page);
    assert.deepEqual(ui.watched.problems, []);
  });

  it('filters the catalog by a filter typed into the box, and shows a refused one in place with its position', async () => {
    await open('/models');
    const form = ui.page.getByRole('form', { name: 'Filter and sort models' });
    const box = form.getByLabel('Filter', { exact: true });
    const filter = "family = 'biophysical' AND status != 'archived'";
    await box.fill(filter);
    await Promise.all([ui.page.waitForURL(/filter=/), box.press('Enter')]);
    const expected = await (
      await fetch(`${ui.demo.baseUrl}/api/models?limit=200&filter=${encodeURIComponent(filter)}`)
    ).json();
    const ids = await rowIds(ui.page);
    assert.ok(ids.length > 0, 'the demo has biophysical versions');
    assert.deepEqual(new Set(ids), new Set(expected.models.map((model: { id: string }) => model.id)));
    assert.deepEqual(new Set(await columnTexts(ui.page, 5)), new Set(['biophysical']));
    assert.equal(await box.inputValue(), filter, 'the box keeps the filter');
    await expectCleanPage(ui);

    const refused = "family = 'biophysical' AND colour = 'red'";
    await box.fill(refused);
    const [response] = await Promise.all([ui.page.waitForResponse(/\/models\?/), box.press('Enter')]);
    assert.equal(response.status(), 400);
    await ui.page.locator('#filter-problem').waitFor();
    const problem = ui.page.getByRole('alert');
    assert.match(await problem.innerText(), /unknown field 'colour' at position 27/);
    assert.equal(await problem.locator('mark').getAttribute('title'), 'position 27');
    assert.equal(await problem.locator('mark').innerText(), 'c');
    assert.equal(await box.getAttribute('aria-invalid'), 'true');
    assert.equal(await box.inputValue(), refused, 'the refused filter stays in the box to be corrected');
    assert.equal(
      await ui.page.locator('input[type=checkbox][name=ids]').count(),
      0,
      'no rows for a refused filter',
    );
    await expectNoSeriousAxeViolations(ui.page);
    assert.deepEqual(
      ui.watched.problems,
      [
        `HTTP 400: ${response.url()}`,
        'console error: Failed to load resource: the server responded with a status of 400 (Bad Request)',
      ],
      "the refused filter's 400 (and Chromium's line about it), nothing else",
    );
  });

  it('pages through the catalog by clicking Next and Previous', async () => {
    await open('/models?limit=3&sort=created_at&order=asc');
    const all = await (
      await fetch(`${ui.demo.baseUrl}/api/models?limit=200&sort=created_at&order=asc`)
    ).json();
    const expected: string[] = all.models.map((item: { id: string }) => item.id);
    assert.ok(expected.length > 6);

    const seen = [...(await rowIds(ui.page))];
    assert.deepEqual(seen, expected.slice(0, 3));
    while ((await ui.page.locator('a[rel=next]').count()) > 0) {
      await Promise.all([ui.page.waitForURL(/offset=|cursor=/), ui.page.locator('a[rel=next]').click()]);
      const url = new URL(ui.page.url());
      assert.equal(url.searchParams.get('limit'), '3', 'the page size survives paging');
      assert.equal(url.searchParams.get('order'), 'asc', 'the order survives paging');
      seen.push(...(await rowIds(ui.page)));
    }
    assert.deepEqual(seen, expected, 'every version once, in order');

    const before = await rowIds(ui.page);
    await Promise.all([ui.page.waitForURL(/./), ui.page.locator('a[rel=prev]').click()]);
    const previous = await rowIds(ui.page);
    assert.equal(previous.length, 3);
    assert.notDeepEqual(previous, before);
    assert.deepEqual(previous, expected.slice(seen.length - before.length - 3, seen.length - before.length));
    await expectNoSeriousAxeViolations(ui.page);
    assert.deepEqual(ui.watched.problems, []);
  });

  it('opens a model with its charts, provenance DAG and attributed-edges graph drawn', async () => {
    await open('/models/model-biophys-microglia-v2');
    assert.match(await ui.page.locator('h1').innerText(), /microglia/i);
    await assertDrawn(ui.page, 'svg.chart');
    await assertDrawn(ui.page, 'section[aria-labelledby=h-dag] svg.graph');
    const panel = ui.page.getByRole('region', { name: 'Attributed edges' });
    await assertDrawn(ui.page, '.attributed-edges svg.graph');
    const edgesDrawn = await panel.locator('svg.graph g.edge, svg.graph path').count();
    assert.ok(edgesDrawn >= 20, `the widget draws the top 20 edges (found ${edgesDrawn} paths)`);
    assert.equal(await panel.locator('tbody tr').count(), 20);
    assert.ok((await panel.locator('.legend li').count()) >= 3, 'a confidence legend');
    // The graph spans the panel's content width, and no two edge labels are drawn over each other.
    const spans = await panel.evaluate((section) => {
      const svg = section.querySelector('svg.graph');
      const style = getComputedStyle(section);
      const content =
        section.clientWidth - Number.parseFloat(style.paddingLeft) - Number.parseFloat(style.paddingRight);
      const labels = [...section.querySelectorAll('svg.graph g.edge text')].map((text) =>
        text.getBoundingClientRect(),
      );
      const overlaps = labels.flatMap((a, i) =>
        labels
          .slice(i + 1)
          .filter(
            (b) =>
              a.left < b.right - 1 && b.left < a.right - 1 && a.top < b.bottom - 1 && b.top < a.bottom - 1,
          ),
      ).length;
      return { svg: svg?.getBoundingClientRect().width ?? 0, content, labels: labels.length, overlaps };
    });
    assert.ok(spans.svg >= spans.content - 1, `graph ${spans.svg}px wide in ${spans.content}px`);
    assert.ok(spans.labels >= 20);
    assert.equal(spans.overlaps, 0, 'edge labels overlapping');
    await assertNoHorizontalOverflow(ui.page);
    await ui.page.getByText('Copy as Mermaid').click();
    assert.ok(await ui.page.locator('pre.mermaid-source').first().isVisible());
    await assertMermaidParses();
    await expectNoSeriousAxeViolations(ui.page);
    assert.deepEqual(ui.watched.problems, []);
  });

  it('opens compare from the catalog selection', async () => {
    await open('/models?q=microglia&sort=created_at&order=asc');
    const ids = await rowIds(ui.page);
    assert.ok(ids.length >= 2);
    const [first, second] = ids;
    await ui.page.locator(`input[name=ids][value="${first}"]`).check();
    await ui.page.locator(`input[name=ids][value="${second}"]`).check();
    await Promise.all([
      ui.page.waitForURL(/\/models\/compare\?/),
      ui.page.getByRole('button', { name: 'Compare selected' }).click(),
    ]);
    assert.deepEqual(new URL(ui.page.url()).searchParams.getAll('ids'), [first, second]);
    assert.equal(
      (await ui.page
        .locator('section[aria-labelledby=h-models] tbody tr, section[aria-labelledby=h-models] li')
        .count()) > 0,
      true,
    );
    const text = await ui.page.locator('main').innerText();
    assert.ok(text.includes(first) && text.includes(second));
    await assertDrawn(ui.page, 'svg.chart');
    assert.equal(
      await assertDrawn(ui.page, 'section[aria-labelledby=h-dags] svg.graph'),
      2,
      'one DAG per model',
    );
    await assertNoHorizontalOverflow(ui.page);
    await assertMermaidParses();
    await expectNoSeriousAxeViolations(ui.page);
    assert.deepEqual(ui.watched.problems, []);
  });

  it('shows a 404 page in the layout for an unknown model', async () => {
    const response = await ui.page.goto(`${ui.demo.baseUrl}/models/no-such-model`);
    assert.equal(response?.status(), 404);
    assert.match(await ui.page.locator('h1').innerText(), /Not found/);
    assert.equal(await ui.page.locator('header.site-header').count(), 1);
    assert.doesNotMatch(await ui.page.content(), /at \w+ \(|node_modules/, 'never a stack trace');
  });

  it('keeps and retracts flagged edges as a signed-in evaluator', async () => {
    await promoteAndRescore(ui.demo);
    const token = await evaluatorToken(ui.demo, 'browser-evaluator');
    await open('/kg/review');
    const queued = () =>
      ui.page
        .locator('tr[data-edge-id]')
        .evaluateAll((rows) => rows.map((row) => row.getAttribute('data-edge-id')));
    const flagged = await queued();
    assert.ok(flagged.length >= 2, `the rescore flagged edges (${flagged.length})`);
    await assertDrawn(ui.page, 'svg.sparkline');
    assert.equal(
      await ui.page.getByRole('button', { name: 'Keep' }).count(),
      0,
      'no actions before signing in',
    );

    await ui.page.getByLabel(/Agent token/).fill(token);
    await Promise.all([
      ui.page.waitForURL(/done=signed-in/),
      ui.page.getByRole('button', { name: 'Sign in' }).click(),
    ]);
    assert.match(await ui.page.getByRole('status').innerText(), /Signed in/);

    const [kept, retracted] = flagged as string[];
    const keepForm = ui.page.getByRole('form', { name: `Review edge ${kept}` });
    await keepForm.getByLabel('Note').fill('checked against the assay');
    await Promise.all([
      ui.page.waitForURL(/done=keep/),
      keepForm.getByRole('button', { name: 'Keep' }).click(),
    ]);
    assert.match(await ui.page.getByRole('status').innerText(), new RegExp(kept));
    const retractForm = ui.page.getByRole('form', { name: `Review edge ${retracted}` });
    await Promise.all([
      ui.page.waitForURL(/done=retract/),
      retractForm.getByRole('button', { name: 'Retract' }).click(),
    ]);

    const left = await queued();
    assert.ok(!left.includes(kept) && !left.includes(retracted), 'both left the queue');
    assert.equal(left.length, flagged.length - 2);
    const keptEdge = await adminApi(ui.demo, 'GET', `/api/kg/edges/${kept}`);
    const retractedEdge = await adminApi(ui.demo, 'GET', `/api/kg/edges/${retracted}`);
    assert.equal(keptEdge.review_flag, false);
    assert.equal(keptEdge.status, 'active');
    assert.equal(retractedEdge.status, 'retracted', 'retracted, never deleted');
    await expectNoSeriousAxeViolations(ui.page);
    assert.deepEqual(ui.watched.problems, []);
  });
});
