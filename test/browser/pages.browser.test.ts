/**
 * The pages in a real browser: Debian's Chromium (playwright-core) against `serve` with the demo
 * world. Each page loads with no console error, exception or failed request; its graphs are drawn
 * (SVG present with a non-zero size and shapes inside); filters, sorting and pagination work by
 * clicking; compare opens from the catalog selection; keep and retract work on the review page;
 * every DAG's Mermaid text is accepted by `mermaid.parse` (run in the browser: Mermaid needs a DOM).
 */
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { after, afterEach, before, beforeEach, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { expectNoSeriousAxeViolations } from '../support/axe.ts';
import {
  adminApi,
  assertDrawn,
  browserUnavailable,
  type DemoServer,
  evaluatorToken,
  launchChromium,
  promoteAndRescore,
  startDemoServer,
  type WatchedPage,
  watchedPage,
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
  let demo: DemoServer;
  let browser: Browser;
  let watched: WatchedPage;
  let page: Page;

  /** Opens a path and checks it answered 200 with the page title. */
  const open = async (path: string) => {
    const response = await page.goto(`${demo.baseUrl}${path}`);
    assert.equal(response?.status(), 200, path);
    assert.match(await page.title(), / · modelgraph$/);
  };

  /** The Mermaid text of every DAG on the current page, each checked by `mermaid.parse`. */
  const assertMermaidParses = async () => {
    const sources = await page.locator('pre.mermaid-source').allTextContents();
    assert.ok(sources.length > 0, 'no Mermaid text on the page');
    const checker = await browser.newPage();
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

  before(async () => {
    [demo, browser] = await Promise.all([startDemoServer(), launchChromium()]);
  });
  beforeEach(async () => {
    watched = await watchedPage(browser);
    page = watched.page;
  });
  afterEach(() => page.close());
  after(async () => {
    await browser?.close();
    await demo?.close();
  });

  it('opens the catalog from / with the demo models and no console errors', async () => {
    await open('/');
    assert.equal(new URL(page.url()).pathname, '/models');
    assert.equal(await page.locator('h1').innerText(), 'Models');
    assert.ok((await rowIds(page)).length >= 10);
    assert.ok((await page.locator('.flag').count()) > 0, 'the provenance flag shows on incomplete versions');
    await expectNoSeriousAxeViolations(page);
    assert.deepEqual(watched.problems, []);
  });

  it('filters and sorts by clicking, keeping the state in the URL', async () => {
    await open('/models');
    const form = page.getByRole('form', { name: 'Filter and sort models' });
    await form.getByLabel('Family').selectOption('biophysical');
    await form.getByLabel('Sort by').selectOption('quality_score');
    await form.getByLabel('Order').selectOption('asc');
    await Promise.all([
      page.waitForURL(/family=biophysical/),
      form.getByRole('button', { name: 'Apply' }).click(),
    ]);

    const url = new URL(page.url());
    assert.equal(url.searchParams.get('sort'), 'quality_score');
    assert.equal(url.searchParams.get('order'), 'asc');
    const families = await columnTexts(page, 5);
    assert.ok(families.length > 0);
    assert.deepEqual(new Set(families), new Set(['biophysical']));
    const scores = (await columnTexts(page, 7)).map((text) => Number.parseFloat(text));
    assert.deepEqual(
      scores,
      [...scores].sort((a, b) => a - b),
      'ascending quality',
    );
    assert.equal(await form.getByLabel('Family').inputValue(), 'biophysical', 'the form keeps its values');

    await form.getByLabel('Search title or id').fill('microglia');
    await Promise.all([page.waitForURL(/q=microglia/), form.getByRole('button', { name: 'Apply' }).click()]);
    const ids = await rowIds(page);
    assert.ok(ids.length > 0 && ids.every((id) => id.includes('microglia')), ids.join());
    await expectNoSeriousAxeViolations(page);
    assert.deepEqual(watched.problems, []);
  });

  it('pages through the catalog by clicking Next and Previous', async () => {
    await open('/models?limit=3&sort=created_at&order=asc');
    const all = await (await fetch(`${demo.baseUrl}/api/models?limit=200&sort=created_at&order=asc`)).json();
    const expected: string[] = all.models.map((item: { id: string }) => item.id);
    assert.ok(expected.length > 6);

    const seen = [...(await rowIds(page))];
    assert.deepEqual(seen, expected.slice(0, 3));
    while ((await page.locator('a[rel=next]').count()) > 0) {
      await Promise.all([page.waitForURL(/offset=|cursor=/), page.locator('a[rel=next]').click()]);
      const url = new URL(page.url());
      assert.equal(url.searchParams.get('limit'), '3', 'the page size survives paging');
      assert.equal(url.searchParams.get('order'), 'asc', 'the order survives paging');
      seen.push(...(await rowIds(page)));
    }
    assert.deepEqual(seen, expected, 'every version once, in order');

    const before = await rowIds(page);
    await Promise.all([page.waitForURL(/./), page.locator('a[rel=prev]').click()]);
    const previous = await rowIds(page);
    assert.equal(previous.length, 3);
    assert.notDeepEqual(previous, before);
    assert.deepEqual(previous, expected.slice(seen.length - before.length - 3, seen.length - before.length));
    await expectNoSeriousAxeViolations(page);
    assert.deepEqual(watched.problems, []);
  });

  it('opens a model with its charts, provenance DAG and attributed-edges graph drawn', async () => {
    await open('/models/model-biophys-microglia-v2');
    assert.match(await page.locator('h1').innerText(), /microglia/i);
    await assertDrawn(page, 'svg.chart');
    await assertDrawn(page, 'section[aria-labelledby=h-dag] svg.graph');
    const panel = page.getByRole('region', { name: 'Attributed edges' });
    await assertDrawn(page, '.attributed-edges svg.graph');
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
    await assertNoHorizontalOverflow(page);
    await page.getByText('Copy as Mermaid').click();
    assert.ok(await page.locator('pre.mermaid-source').first().isVisible());
    await assertMermaidParses();
    await expectNoSeriousAxeViolations(page);
    assert.deepEqual(watched.problems, []);
  });

  it('opens compare from the catalog selection', async () => {
    await open('/models?q=microglia&sort=created_at&order=asc');
    const ids = await rowIds(page);
    assert.ok(ids.length >= 2);
    const [first, second] = ids;
    await page.locator(`input[name=ids][value="${first}"]`).check();
    await page.locator(`input[name=ids][value="${second}"]`).check();
    await Promise.all([
      page.waitForURL(/\/models\/compare\?/),
      page.getByRole('button', { name: 'Compare selected' }).click(),
    ]);
    assert.deepEqual(new URL(page.url()).searchParams.getAll('ids'), [first, second]);
    assert.equal(
      (await page
        .locator('section[aria-labelledby=h-models] tbody tr, section[aria-labelledby=h-models] li')
        .count()) > 0,
      true,
    );
    const text = await page.locator('main').innerText();
    assert.ok(text.includes(first) && text.includes(second));
    await assertDrawn(page, 'svg.chart');
    assert.equal(
      await assertDrawn(page, 'section[aria-labelledby=h-dags] svg.graph'),
      2,
      'one DAG per model',
    );
    await assertNoHorizontalOverflow(page);
    await assertMermaidParses();
    await expectNoSeriousAxeViolations(page);
    assert.deepEqual(watched.problems, []);
  });

  it('shows a 404 page in the layout for an unknown model', async () => {
    const response = await page.goto(`${demo.baseUrl}/models/no-such-model`);
    assert.equal(response?.status(), 404);
    assert.match(await page.locator('h1').innerText(), /Not found/);
    assert.equal(await page.locator('header.site-header').count(), 1);
    assert.doesNotMatch(await page.content(), /at \w+ \(|node_modules/, 'never a stack trace');
  });

  it('keeps and retracts flagged edges as a signed-in evaluator', async () => {
    await promoteAndRescore(demo);
    const token = await evaluatorToken(demo, 'browser-evaluator');
    await open('/kg/review');
    const queued = () =>
      page
        .locator('tr[data-edge-id]')
        .evaluateAll((rows) => rows.map((row) => row.getAttribute('data-edge-id')));
    const flagged = await queued();
    assert.ok(flagged.length >= 2, `the rescore flagged edges (${flagged.length})`);
    await assertDrawn(page, 'svg.sparkline');
    assert.equal(await page.getByRole('button', { name: 'Keep' }).count(), 0, 'no actions before signing in');

    await page.getByLabel(/Agent token/).fill(token);
    await Promise.all([
      page.waitForURL(/done=signed-in/),
      page.getByRole('button', { name: 'Sign in' }).click(),
    ]);
    assert.match(await page.getByRole('status').innerText(), /Signed in/);

    const [kept, retracted] = flagged as string[];
    const keepForm = page.getByRole('form', { name: `Review edge ${kept}` });
    await keepForm.getByLabel('Note').fill('checked against the assay');
    await Promise.all([page.waitForURL(/done=keep/), keepForm.getByRole('button', { name: 'Keep' }).click()]);
    assert.match(await page.getByRole('status').innerText(), new RegExp(kept));
    const retractForm = page.getByRole('form', { name: `Review edge ${retracted}` });
    await Promise.all([
      page.waitForURL(/done=retract/),
      retractForm.getByRole('button', { name: 'Retract' }).click(),
    ]);

    const left = await queued();
    assert.ok(!left.includes(kept) && !left.includes(retracted), 'both left the queue');
    assert.equal(left.length, flagged.length - 2);
    const keptEdge = await adminApi(demo, 'GET', `/api/kg/edges/${kept}`);
    const retractedEdge = await adminApi(demo, 'GET', `/api/kg/edges/${retracted}`);
    assert.equal(keptEdge.review_flag, false);
    assert.equal(keptEdge.status, 'active');
    assert.equal(retractedEdge.status, 'retracted', 'retracted, never deleted');
    await expectNoSeriousAxeViolations(page);
    assert.deepEqual(watched.problems, []);
  });
});
