/**
 * Lineages, aliases and tags in a real browser (Debian's Chromium against `serve` with the demo
 * world): the lineage page renders its Markdown description, aliases, tags and versions with no
 * console error; clicking an alias opens the version it names; the catalog's tag filter works by
 * typing and clicking Apply.
 */
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { expectNoSeriousAxeViolations } from '../support/axe.ts';
import { adminApi, browserUnavailable, useChromium } from '../support/browser.ts';

const LINEAGE = 'model-biophys-microglia';

describe('lineages in Chromium against the demo world', { skip: browserUnavailable() }, () => {
  const ui = useChromium();
  before(async () => {
    await adminApi(ui.demo, 'PATCH', `/api/lineages/${LINEAGE}`, {
      description:
        '## Microglial activation\n\nAn ODE of the **TREM2**-gated switch.\n\n- v1: two states\n- v3: proliferation',
    });
    await adminApi(ui.demo, 'PUT', `/api/lineages/${LINEAGE}/aliases/champion`, {
      version_number: 2,
      protected: true,
    });
    // Enough history for a second page of the timeline (30 entries a page).
    for (let i = 0; i < 32; i++) {
      await adminApi(ui.demo, 'PUT', `/api/lineages/${LINEAGE}/aliases/rolling`, {
        version_number: 1 + (i % 2),
      });
    }
    await adminApi(ui.demo, 'PUT', `/api/lineages/${LINEAGE}/tags/team`, { value: 'neuro' });
    await adminApi(ui.demo, 'PUT', `/api/models/${LINEAGE}-v2/tags/reviewed`, { value: 'yes' });
  });

  it('renders the lineage page: Markdown description, aliases, tags, maintainers and versions', async () => {
    const response = await ui.page.goto(`${ui.demo.baseUrl}/lineages/${LINEAGE}`);
    assert.equal(response?.status(), 200);
    assert.equal(await ui.page.locator('h1').innerText(), LINEAGE);
    assert.equal(await ui.page.locator('.markdown h2').innerText(), 'Microglial activation');
    assert.equal(await ui.page.locator('.markdown strong').innerText(), 'TREM2');
    assert.equal(await ui.page.locator('.markdown li').count(), 2);
    assert.ok((await ui.page.locator('section[aria-labelledby=h-versions] tbody tr').count()) >= 3);
    assert.match(await ui.page.locator('section[aria-labelledby=h-tags]').innerText(), /team\s+neuro/);
    await expectNoSeriousAxeViolations(ui.page);
    assert.deepEqual(ui.watched.problems, []);
  });

  it('marks the protected alias, and pages the timeline by clicking Older entries and back', async () => {
    await ui.page.goto(`${ui.demo.baseUrl}/lineages/${LINEAGE}`);
    const aliases = ui.page.locator('section[aria-labelledby=h-aliases]');
    assert.match(await aliases.locator('tr', { hasText: '@champion' }).innerText(), /protected/);
    assert.doesNotMatch(await aliases.locator('tr', { hasText: '@rolling' }).innerText(), /protected/);
    const timeline = ui.page.locator('section[aria-labelledby=h-timeline]');
    assert.equal(await timeline.locator('tbody tr').count(), 30);
    const newest = await timeline.locator('tbody tr').allInnerTexts();
    await Promise.all([
      ui.page.waitForURL(/timeline_cursor=/),
      timeline.getByRole('link', { name: 'Older entries' }).click(),
    ]);
    const older = await timeline.locator('tbody tr').allInnerTexts();
    assert.ok(older.length > 0, 'the older entries');
    assert.match(older.at(-1) ?? '', /registered/, 'down to the first registration');
    await expectNoSeriousAxeViolations(ui.page);
    await Promise.all([
      ui.page.waitForURL(new RegExp(`/lineages/${LINEAGE}#h-timeline$`)),
      timeline.getByRole('link', { name: 'Newest entries' }).click(),
    ]);
    assert.deepEqual(await timeline.locator('tbody tr').allInnerTexts(), newest);
    await expectNoSeriousAxeViolations(ui.page);
    assert.deepEqual(ui.watched.problems, []);
  });

  it('opens the version an alias names by clicking it, and shows its aliases and tags there', async () => {
    await ui.page.goto(`${ui.demo.baseUrl}/lineages/${LINEAGE}`);
    await ui.page.getByRole('link', { name: '@champion' }).first().click();
    await ui.page.waitForURL(/\/models\/model-biophys-microglia%40champion$/);
    assert.match(await ui.page.locator('h1').innerText(), /v2|Microglia/i);
    assert.match(await ui.page.locator('dl.meta').first().innerText(), /@champion/);
    assert.match(await ui.page.locator('section[aria-labelledby=h-metrics]').innerText(), /reviewed\s+yes/);
    await expectNoSeriousAxeViolations(ui.page);
    assert.deepEqual(ui.watched.problems, []);
  });

  it('filters the catalog by a tag typed into the form', async () => {
    await ui.page.goto(`${ui.demo.baseUrl}/models?all_versions=true`);
    const form = ui.page.getByRole('form', { name: 'Filter and sort models' });
    await form.getByLabel('Tag').fill('reviewed:yes');
    await form.getByRole('button', { name: 'Apply' }).click();
    await ui.page.waitForURL(/tag=reviewed%3Ayes/);
    const ids = await ui.page
      .locator('input[type=checkbox][name=ids]')
      .evaluateAll((boxes) => boxes.map((box) => (box as HTMLInputElement).value));
    assert.deepEqual(ids, [`${LINEAGE}-v2`]);
    await expectNoSeriousAxeViolations(ui.page);
    assert.deepEqual(ui.watched.problems, []);
  });
});
