/**
 * The pages' write actions in a real browser (Debian's Chromium against `serve` with the demo
 * world): an agent signs in from the page it is on, moves and removes an alias, edits a
 * description and a tag, promotes directly, requests a governed promotion that another evaluator
 * approves, and retracts and reinstates a dataset after the dry run — each page free of console
 * errors and of serious axe-core violations. Refused when signed out, without the scope, or from
 * another site, with nothing written.
 */
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { expectNoSeriousAxeViolations } from '../support/axe.ts';
import { adminApi, browserUnavailable, evaluatorToken, useChromium } from '../support/browser.ts';

const LINEAGE = 'model-biophys-microglia';
const GOVERNED = 'model-browser-governed';
const DATASET = 'dataset-ipsc-microglia-kinetics';

describe('write actions in Chromium against the demo world', { skip: browserUnavailable() }, () => {
  const ui = useChromium();
  const tokens: Record<string, string> = {};

  /** Signs in through the folded form of the page at `path`, which comes back to it. */
  async function signInAt(path: string, token: string) {
    await ui.page.goto(`${ui.demo.baseUrl}${path}`);
    const session = ui.page.locator('details.session');
    await session.getByText('Sign in to act on this page').click();
    await session.getByLabel('Agent token').fill(token);
    await session.getByRole('button', { name: 'Sign in' }).click();
    await ui.page.waitForURL(`${ui.demo.baseUrl}${path}`);
    assert.match(await ui.page.locator('form.session').innerText(), /Signed in as/);
  }

  /** Signs out with the session bar's button and waits for the page that comes back signed out. */
  async function signOut() {
    await ui.page.getByRole('button', { name: 'Sign out' }).click();
    await ui.page.locator('details.session').waitFor();
  }

  before(async () => {
    tokens.evaluator = await evaluatorToken(ui.demo, 'browser-evaluator');
    tokens.approver = await evaluatorToken(ui.demo, 'browser-approver');
    await adminApi(ui.demo, 'POST', '/api/agents', {
      id: 'browser-writer',
      display_name: 'w',
      kind: 'human',
    });
    tokens.writer = (
      await adminApi(ui.demo, 'POST', '/api/agents/browser-writer/tokens', { scopes: ['write'] })
    ).token;
    await adminApi(ui.demo, 'PUT', `/api/lineages/${LINEAGE}/maintainers/browser-writer`);
    for (let i = 0; i < 2; i++) {
      await adminApi(ui.demo, 'POST', '/api/models', {
        model_name: GOVERNED,
        title: `Governed v${i + 1}`,
        model_family: 'statistical',
        trained_on: [],
      });
    }
    await adminApi(ui.demo, 'PUT', `/api/lineages/${GOVERNED}/policy`, { required_approvals: 1 });
  });

  it('offers a visitor no form, and the page passes axe-core', async () => {
    await ui.page.goto(`${ui.demo.baseUrl}/lineages/${LINEAGE}`);
    assert.equal(await ui.page.locator('form[action$="/aliases"]').count(), 0);
    assert.equal(await ui.page.getByRole('button', { name: 'Promote' }).count(), 0);
    await expectNoSeriousAxeViolations(ui.page);
    assert.deepEqual(ui.watched.problems, []);
  });

  it('signs an evaluator in from the lineage page, sets and removes an alias, and sees each on the timeline', async () => {
    await signInAt(`/lineages/${LINEAGE}`, tokens.evaluator);
    const form = ui.page.locator('form[aria-label="Set or move an alias"]');
    await form.getByLabel('Alias').fill('staging');
    await form.getByLabel('Version').selectOption('2');
    await form.getByRole('button', { name: 'Set alias' }).click();
    await ui.page.waitForURL(/done=alias_set/);
    assert.match(await ui.page.getByRole('status').innerText(), /The alias is set/);
    assert.match(await ui.page.locator('section[aria-labelledby=h-aliases]').innerText(), /@staging/);
    assert.match(await ui.page.locator('section[aria-labelledby=h-timeline]').innerText(), /alias set/);
    await expectNoSeriousAxeViolations(ui.page);

    await ui.page.getByRole('button', { name: 'Remove alias @staging' }).click();
    await ui.page.waitForURL(/done=alias_removed/);
    const lineage = await adminApi(ui.demo, 'GET', `/api/lineages/${LINEAGE}`);
    assert.equal(lineage.aliases.staging, undefined);
    assert.deepEqual(ui.watched.problems, []);
  });

  it('lets a maintainer with write edit the lineage description and a version tag, but offers no alias form', async () => {
    await signInAt(`/lineages/${LINEAGE}`, tokens.writer);
    assert.equal(await ui.page.locator('form[aria-label="Set or move an alias"]').count(), 0);
    await ui.page
      .getByLabel('Description (Markdown)')
      .fill('## Edited in the browser\n\nThe **TREM2** switch.');
    await ui.page.getByRole('button', { name: 'Save description' }).click();
    await ui.page.waitForURL(/done=description_saved/);
    assert.equal(await ui.page.locator('.markdown h2').first().innerText(), 'Edited in the browser');

    await ui.page.goto(`${ui.demo.baseUrl}/models/${LINEAGE}-v2`);
    const tagForm = ui.page.locator('form[aria-label="Set a tag"]');
    await tagForm.getByLabel('Key').fill('checked-in');
    await tagForm.getByLabel('Value').fill('browser');
    await tagForm.getByRole('button', { name: 'Set tag' }).click();
    await ui.page.waitForURL(/done=tag_set/);
    assert.match(
      await ui.page.locator('section[aria-labelledby=h-metrics]').innerText(),
      /checked-in\s+browser/,
    );
    await expectNoSeriousAxeViolations(ui.page);
    assert.deepEqual(ui.watched.problems, []);
  });

  it('promotes directly on an ungoverned lineage, then follows the edge panel to the flagged edges in the review queue', async () => {
    await signInAt(`/models/${LINEAGE}-v3`, tokens.evaluator);
    await ui.page
      .locator('section[aria-labelledby=h-promote]')
      .getByRole('button', { name: 'Promote' })
      .click();
    await ui.page.waitForURL(/done=promoted/);
    assert.match(await ui.page.getByRole('status').innerText(), /The version is promoted/);
    await adminApi(ui.demo, 'POST', '/api/jobs/rescore', {});

    await ui.page.goto(`${ui.demo.baseUrl}/models/${LINEAGE}-v3`);
    const line = ui.page.locator('section[aria-labelledby=h-edges] .callout');
    assert.match(await line.innerText(), /\d+ of this version's \d+ edges are flagged for review/);
    await line.getByRole('link').click();
    await ui.page.waitForURL(/\/kg\/review\?source_artifact_id=/);
    const rows = ui.page.locator('tr[data-edge-id]');
    assert.ok((await rows.count()) > 0, 'the flagged edges of v2');
    assert.match(await rows.first().innerText(), /large decrease/);
    assert.notEqual(
      await ui.page
        .getByRole('button', { name: '✓ Keep' })
        .first()
        .evaluate((el) => getComputedStyle(el).borderStyle),
      await ui.page
        .getByRole('button', { name: '✗ Retract' })
        .first()
        .evaluate((el) => getComputedStyle(el).borderStyle),
      'Keep and Retract differ in outline, not only colour',
    );
    await expectNoSeriousAxeViolations(ui.page);
    assert.deepEqual(ui.watched.problems, []);
  });

  it('requests a governed promotion, which another evaluator approves on the request page', async () => {
    await signInAt(`/models/${GOVERNED}-v2`, tokens.evaluator);
    assert.equal(await ui.page.getByRole('button', { name: 'Promote' }).count(), 0);
    await ui.page.getByLabel('Note for the approvers').fill('ready for review');
    await ui.page.getByRole('button', { name: 'Request promotion' }).click();
    await ui.page.waitForURL(/\/promotion-requests\/\d+\?done=request_opened/);
    const requestUrl = ui.page.url().replace(/\?.*$/, '');
    assert.match(await ui.page.locator('h1').innerText(), /open/);
    await expectNoSeriousAxeViolations(ui.page);

    await signOut();
    await ui.page.goto(`${ui.demo.baseUrl}/promotion-requests`);
    assert.ok((await ui.page.locator(`a[href="${new URL(requestUrl).pathname}"]`).count()) === 1);
    await expectNoSeriousAxeViolations(ui.page);

    await signInAt(new URL(requestUrl).pathname, tokens.approver);
    await ui.page.getByRole('button', { name: '✓ Approve' }).click();
    await ui.page.waitForURL(/done=request_approved/);
    assert.match(await ui.page.locator('h1').innerText(), /approved/);
    const lineage = await adminApi(ui.demo, 'GET', `/api/lineages/${GOVERNED}`);
    assert.equal(lineage.promoted, `${GOVERNED}-v2`);
    assert.deepEqual(ui.watched.problems, []);
  });

  it('asks a visitor to sign in on the retract page, shows the dry run, retracts the dataset, then reinstates it', async () => {
    const response = await ui.page.goto(`${ui.demo.baseUrl}/artifacts/${DATASET}/retract`);
    assert.equal(response?.status(), 401);
    const signIn = ui.page.locator('form[aria-label="Sign in"]');
    await signIn.getByLabel('Agent token').fill(tokens.evaluator);
    await signIn.getByRole('button', { name: 'Sign in' }).click();
    await ui.page.waitForURL(`${ui.demo.baseUrl}/artifacts/${DATASET}/retract`);
    ui.watched.problems.length = 0; // the 401 of the first visit was the point
    assert.match(await ui.page.locator('section.dry-run').innerText(), /nothing has been written yet/);
    assert.ok((await ui.page.locator('section.dry-run li a').count()) > 0, 'the versions it would touch');
    await expectNoSeriousAxeViolations(ui.page);
    await ui.page
      .getByLabel('Why? (required)')
      .fill('Kinetics re-measured: the old time course was mislabelled');
    await ui.page.getByLabel('Evidence URL (optional)').fill('https://example.org/erratum');
    await ui.page.getByRole('button', { name: 'Retract the whole artifact' }).click();
    assert.match(await ui.page.locator('h1').innerText(), /^Retracted /);
    assert.ok((await adminApi(ui.demo, 'GET', `/api/artifacts/${DATASET}`)).retracted);

    await ui.page.goto(`${ui.demo.baseUrl}/artifacts/${DATASET}/reinstate`);
    assert.match(await ui.page.locator('section.dry-run').innerText(), /Kinetics re-measured/);
    await ui.page.getByLabel('Why? (required)').fill('Corrected upstream');
    await ui.page.getByRole('button', { name: 'Reinstate the whole artifact' }).click();
    assert.match(await ui.page.locator('h1').innerText(), /^Reinstated /);
    assert.equal((await adminApi(ui.demo, 'GET', `/api/artifacts/${DATASET}`)).retracted, null);
    assert.deepEqual(ui.watched.problems, []);
  });

  it('refuses a form signed out, without the scope, or from another site, writing nothing', async () => {
    const before = await adminApi(ui.demo, 'GET', `/api/lineages/${LINEAGE}`);
    const request = ui.page.context().request;
    const url = `${ui.demo.baseUrl}/lineages/${LINEAGE}/aliases`;
    const form = { alias: 'refused', version: '1' };
    const own = { origin: ui.demo.baseUrl };
    assert.equal((await request.post(url, { form, headers: own })).status(), 401, 'signed out');

    await signInAt(`/lineages/${LINEAGE}`, tokens.writer);
    assert.equal((await request.post(url, { form, headers: own })).status(), 403, 'without evaluate');
    await signOut();
    await signInAt(`/lineages/${LINEAGE}`, tokens.evaluator);
    const crossSite = await request.post(url, { form, headers: { origin: 'https://evil.example' } });
    assert.equal(crossSite.status(), 403, 'from another site');
    assert.match(await crossSite.text(), /not sent from a page of this server/);

    const after = await adminApi(ui.demo, 'GET', `/api/lineages/${LINEAGE}`);
    assert.deepEqual(after.aliases, before.aliases);
    assert.equal(after.updated_at, before.updated_at);
  });
});
