/**
 * The artifact, agent and knowledge-graph pages in a real browser (Debian's Chromium against `serve`
 * with the demo world): each renders with no console error and no serious accessibility violation;
 * a provenance node on the model page opens its artifact page, a dataset lists what was trained on
 * it, an agent page links its work, the graph browser filters by form and shows nodes by name; a
 * signed-in evaluator is offered "Retract…", a visitor is not; keyboard focus is visible.
 */
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { expectNoSeriousAxeViolations } from '../support/axe.ts';
import { browserUnavailable, evaluatorToken, useChromium } from '../support/browser.ts';

const DATASET = 'dataset-rosmap-snrnaseq';
const MODEL = 'model-dl-microglia-states-v3';

describe('registry pages in Chromium against the demo world', { skip: browserUnavailable() }, () => {
  const ui = useChromium();
  let token: string;

  before(async () => {
    token = await evaluatorToken(ui.demo, 'browser-registry-evaluator');
  });

  it('opens a dataset from the model page and lists the model versions trained on each version', async () => {
    await ui.page.goto(`${ui.demo.baseUrl}/models/${MODEL}`);
    await ui.page.locator(`section a[href="/artifacts/${DATASET}"]`).first().click();
    await ui.page.waitForURL(`**/artifacts/${DATASET}`);
    assert.equal(await ui.page.locator('h1').innerText(), 'ROSMAP prefrontal cortex single-nucleus RNA-seq');
    const usedBy = ui.page.locator('section[aria-labelledby=h-used-by]');
    assert.match(await usedBy.innerText(), new RegExp(`v2\\s+${MODEL}`));
    assert.ok((await ui.page.locator('section[aria-labelledby=h-versions] tbody tr').count()) >= 2);
    assert.equal(
      await ui.page.getByRole('link', { name: 'Retract…' }).count(),
      0,
      'a visitor is not offered it',
    );
    await expectNoSeriousAxeViolations(ui.page);
    assert.deepEqual(ui.watched.problems, []);
  });

  it('offers "Retract…" to a signed-in evaluator', async () => {
    await ui.page.context().addCookies([{ name: 'mg_token', value: token, url: ui.demo.baseUrl }]);
    await ui.page.goto(`${ui.demo.baseUrl}/artifacts/${DATASET}`);
    assert.equal(
      await ui.page.getByRole('link', { name: 'Retract…' }).getAttribute('href'),
      `/artifacts/${DATASET}/retract`,
    );
    assert.deepEqual(ui.watched.problems, []);
  });

  it("shows an agent's work, promotions and payouts, each linked to its page", async () => {
    await ui.page.goto(`${ui.demo.baseUrl}/models/${MODEL}`);
    await ui.page.locator('dl.meta a[href^="/agents/"]').first().click();
    await ui.page.waitForURL('**/agents/**');
    assert.match(await ui.page.locator('dl.meta').innerText(), /Kind\s+(ai|human)/);
    assert.ok((await ui.page.locator('section[aria-labelledby=h-versions] a[href^="/models/"]').count()) > 0);
    assert.match(await ui.page.locator('section[aria-labelledby=h-payouts]').innerText(), /credits in all/);
    await expectNoSeriousAxeViolations(ui.page);
    assert.deepEqual(ui.watched.problems, []);
  });

  it('browses the graph from the landing: filters by form, shows nodes by name, opens an edge', async () => {
    await ui.page.goto(`${ui.demo.baseUrl}/models`);
    await ui.page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Knowledge graph' })
      .click();
    await ui.page.waitForURL('**/kg');
    await expectNoSeriousAxeViolations(ui.page);
    await ui.page.getByLabel('Object').fill('GO:0001774');
    await ui.page.getByRole('button', { name: 'Show edges' }).click();
    await ui.page.waitForURL('**/kg/edges?**');
    const rows = ui.page.locator('tbody tr');
    assert.ok((await rows.count()) > 0);
    assert.match(await rows.first().innerText(), /microglial cell activation \(GO:0001774\)/);
    assert.match(await rows.first().innerText(), /gene \(HGNC:/);
    await expectNoSeriousAxeViolations(ui.page);
    await rows.first().locator('td.num a').click();
    await ui.page.waitForURL('**/kg/edges/**');
    assert.match(await ui.page.locator('h1').innerText(), /microglial cell activation \(GO:0001774\)/);
    await expectNoSeriousAxeViolations(ui.page);
    assert.deepEqual(ui.watched.problems, []);
  });

  it('shows the API docs without a CSP violation, with a way back to the pages', async () => {
    await ui.page.goto(`${ui.demo.baseUrl}/docs`);
    await ui.page.getByRole('link', { name: 'Back to modelgraph' }).click();
    await ui.page.waitForURL('**/models');
    assert.deepEqual(ui.watched.problems, []);
  });

  it('shows where keyboard focus is', async () => {
    await ui.page.goto(`${ui.demo.baseUrl}/kg/edges`);
    await ui.page.keyboard.press('Tab');
    const outline = await ui.page.evaluate(() => {
      const style = getComputedStyle(document.activeElement as Element);
      return { style: style.outlineStyle, width: Number.parseFloat(style.outlineWidth) };
    });
    assert.notEqual(outline.style, 'none');
    assert.ok(outline.width >= 2, `outline ${outline.width}px`);
  });
});
