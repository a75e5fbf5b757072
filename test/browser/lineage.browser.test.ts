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
    await adminApi(ui.demo, 'PUT', `/api/lineages/${LINEAGE}/aliases/champion`, { version_number: 2 });
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
