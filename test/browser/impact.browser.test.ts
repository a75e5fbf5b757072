/**
 * Before and after a promotion, in Chromium against `serve` with the demo world: the
 * compare page leads to microglia v3's "Promotion impact" panel, an evaluator signs in there and
 * runs the preview (histogram chart, flagged edges, largest changes, payout); after the promotion
 * and its pass, the review queue and the model page's widget lead to the edge page, whose chart is
 * drawn and whose "as of" form shows the edge before and after by clicking. Every page loads with
 * no console error or failed request, and its markup passes html-validate.
 */
import assert from 'node:assert/strict';
import { beforeEach, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { assertValidHtml } from '../pages/page-support.ts';
import { expectNoSeriousAxeViolations } from '../support/axe.ts';
import {
  adminApi,
  assertDrawn,
  browserUnavailable,
  evaluatorToken,
  promoteAndRescore,
  useChromium,
} from '../support/browser.ts';

const V2 = 'model-biophys-microglia-v2';
const V3 = 'model-biophys-microglia-v3';

const unavailable = browserUnavailable();

describe('promotion impact and the edge page in Chromium against the demo world', {
  skip: unavailable,
}, () => {
  const ui = useChromium();

  let lastDocument: Promise<string> | undefined;

  /** The page as the server sent it is valid HTML, and the page reported no problem. */
  const assertClean = async () => {
    assert.ok(lastDocument, 'a page was loaded');
    await assertValidHtml(await lastDocument);
    await expectNoSeriousAxeViolations(ui.page);
    assert.deepEqual(ui.watched.problems, []);
  };

  beforeEach(async () => {
    // The markup as sent (the DOM's own serialisation would rewrite it), of every page navigated to.
    ui.page.on('response', (response) => {
      if (response.request().resourceType() === 'document' && response.status() === 200) {
        lastDocument = response.text();
      }
    });
  });

  it('previews microglia v3 as a signed-in evaluator, from the compare page to the result', async () => {
    await ui.page.goto(`${ui.demo.baseUrl}/models/compare?ids=${V2},${V3}`);
    await assertClean();
    await Promise.all([
      ui.page.waitForURL(new RegExp(`/models/${V3}#impact$`)),
      ui.page.getByRole('link', { name: `Preview the promotion impact of ${V3}` }).click(),
    ]);
    const panel = ui.page.getByRole('region', { name: 'Promotion impact' });
    assert.equal(
      await panel.getByRole('button', { name: 'Preview promotion impact' }).count(),
      0,
      'signed out',
    );
    await assertClean();

    await panel.getByLabel(/Agent token/).fill(await evaluatorToken(ui.demo, 'impact-evaluator'));
    await Promise.all([
      ui.page.waitForURL(new RegExp(`/models/${V3}#impact$`)),
      panel.getByRole('button', { name: 'Sign in' }).click(),
    ]);
    assert.match(await panel.innerText(), /Signed in as impact-evaluator/);
    await assertClean();

    await Promise.all([
      ui.page.waitForURL(new RegExp(`/models/${V3}/impact-preview$`)),
      panel.getByRole('button', { name: 'Preview promotion impact' }).click(),
    ]);
    assert.equal(await ui.page.locator('h1').innerText(), `Promotion impact of ${V3}`);
    await assertDrawn(ui.page, 'section[aria-labelledby=h-histogram] svg.chart');
    const flagged = await ui.page.locator('ul.flagged-edges a').count();
    assert.ok(flagged > 0, 'some edges would be flagged');
    assert.equal(await ui.page.locator('section[aria-labelledby=h-changes] tbody tr').count(), 20);
    assert.match(
      await ui.page.locator('section[aria-labelledby=h-payout]').innerText(),
      /impact-evaluator\s+eval_runner/,
    );
    await assertClean();

    const preview = await adminApi(ui.demo, 'GET', `/api/models/${V3}`);
    assert.equal(preview.status, 'candidate', 'the preview promoted nothing');
  });

  it('opens the edge page from the review queue and the widget, and shows the edge as of before and after', async () => {
    const [first] = (await adminApi(ui.demo, 'GET', '/api/kg/edges/demo-edge-001')).history;
    // The "as of" field counts in whole seconds: the pass must come at least a second after the edge.
    await sleep(Math.max(0, Date.parse(first.at) + 1_100 - Date.now()));
    await promoteAndRescore(ui.demo);

    await ui.page.goto(`${ui.demo.baseUrl}/kg/review`);
    const edgeId = await ui.page.locator('tr[data-edge-id]').first().getAttribute('data-edge-id');
    assert.ok(edgeId);
    await Promise.all([
      ui.page.waitForURL(new RegExp(`/kg/edges/${edgeId}$`)),
      ui.page.getByRole('link', { name: edgeId, exact: true }).click(),
    ]);
    await assertDrawn(ui.page, 'svg.chart');
    assert.equal(
      await ui.page.locator('svg.chart circle').count(),
      2,
      'one point per confidence the edge had',
    );
    assert.deepEqual(await ui.page.locator('svg.chart text').filter({ hasText: /^v\d$/ }).allTextContents(), [
      'v2',
      'v3',
    ]);
    assert.match(await ui.page.locator('section[aria-labelledby=h-events]').innerText(), /model_rescore/);
    await assertClean();

    const edge = await adminApi(ui.demo, 'GET', `/api/kg/edges/${edgeId}`);
    const [then, now] = edge.history;
    const beforePass = new Date(Math.ceil(Date.parse(then.at) / 1000) * 1000);
    assert.ok(beforePass.getTime() < Date.parse(now.at), 'a whole second lies between the two entries');
    const form = ui.page.getByRole('form', { name: 'As of' });
    await form.getByLabel('As of (UTC)').fill(beforePass.toISOString().slice(0, 19));
    await Promise.all([ui.page.waitForURL(/as_of=/), form.getByRole('button', { name: 'Show' }).click()]);
    assert.equal(await ui.page.locator('[data-as-of-confidence]').innerText(), then.confidence.toFixed(3));
    assert.equal(await ui.page.locator('[data-confidence]').innerText(), now.confidence.toFixed(3));
    await assertClean();

    await form.getByLabel('As of (UTC)').fill(new Date(Date.now() + 60_000).toISOString().slice(0, 19));
    await Promise.all([ui.page.waitForURL(/as_of=/), form.getByRole('button', { name: 'Show' }).click()]);
    assert.equal(await ui.page.locator('[data-as-of-confidence]').innerText(), now.confidence.toFixed(3));
    await Promise.all([
      ui.page.waitForURL(new RegExp(`/kg/edges/${edgeId}$`)),
      ui.page.getByRole('link', { name: 'Now', exact: true }).click(),
    ]);
    assert.equal(await ui.page.locator('[data-as-of-confidence]').count(), 0);

    await ui.page.goto(`${ui.demo.baseUrl}/models/${V3}`);
    const widget = ui.page.getByRole('region', { name: 'Attributed edges' });
    // The edge page's link sits on the confidence; the node links lead to the graph browser.
    const link = widget.locator('tbody a[href^="/kg/edges/"]').first();
    const href = await link.getAttribute('href');
    await Promise.all([ui.page.waitForURL(new RegExp(`${href}$`)), link.click()]);
    assert.match(await ui.page.locator('h1').innerText(), /HGNC:/);
    await assertClean();
  });
});
