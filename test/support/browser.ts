/**
 * What the browser suites and `npm run screenshots` share: a real `modelgraph serve` with the demo
 * world on a throw-away embedded database, listening on a free loopback port; Debian's Chromium
 * driven by playwright-core (never a downloaded browser); and a page that records every console
 * error, uncaught exception and failed request so a test can assert there were none; `useChromium`
 * sets all of that up for a suite.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, afterEach, before, beforeEach } from 'node:test';
import { type Browser, chromium, type Page } from 'playwright-core';
import { loadConfig } from '../../src/config.ts';
import { type RunningServer, startServer } from '../../src/server.ts';
import { expectNoSeriousAxeViolations } from './axe.ts';
import { CHROMIUM_PATH } from './chromium.ts';

export { browserUnavailable, CHROMIUM_PATH } from './chromium.ts';

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** The admin token of the demo server. */
export const DEMO_ADMIN_TOKEN = 'browser-admin-token';

/** Launches Debian's Chromium headless. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
}

/** A running demo server, its base URL, and how to stop it and remove its data. */
export interface DemoServer {
  baseUrl: string;
  server: RunningServer;
  close(): Promise<void>;
}

/** `serve` with the demo world on a fresh embedded database in a temporary folder, on a free port. */
export async function startDemoServer(): Promise<DemoServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'modelgraph-browser-'));
  const config = loadConfig({
    MODELGRAPH_DATA_DIR: join(dataDir, 'db'),
    MODELGRAPH_RESCORE_LOG: join(dataDir, 'model_rescore.log'),
    MODELGRAPH_ADMIN_TOKEN: DEMO_ADMIN_TOKEN,
    MODELGRAPH_RESCORE_CRON: 'off',
    PORT: '0',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
  });
  const server = await startServer(config);
  const address = server.app.server.address();
  if (address === null || typeof address === 'string') throw new Error('the server has no TCP address');
  return {
    baseUrl: `http://127.0.0.1:${address.port}`,
    server,
    async close() {
      await server.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Calls the demo server's JSON API with the admin token; throws on an error status. */
export async function adminApi(demo: DemoServer, method: string, path: string, body?: unknown) {
  const response = await fetch(`${demo.baseUrl}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${DEMO_ADMIN_TOKEN}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text}`);
  return JSON.parse(text);
}

/**
 * Fills the review queue the way a user would: promotes the demo's microglia v3 over v2 and runs
 * the rescore pass, which flags v2's edges whose confidence fell sharply.
 */
export async function promoteAndRescore(demo: DemoServer): Promise<void> {
  await adminApi(demo, 'POST', '/api/models/model-biophys-microglia-v3/promote');
  await adminApi(demo, 'POST', '/api/jobs/rescore', {});
}

/** Creates an agent with an `evaluate` token on the demo server; returns the token. */
export async function evaluatorToken(demo: DemoServer, id: string): Promise<string> {
  await adminApi(demo, 'POST', '/api/agents', { id, display_name: id, kind: 'human' });
  const { token } = await adminApi(demo, 'POST', `/api/agents/${id}/tokens`, { scopes: ['evaluate'] });
  return token;
}

/** A page and the problems it reported: console errors, uncaught exceptions, failed requests. */
export interface WatchedPage {
  page: Page;
  problems: string[];
}

/** Opens a page at 1280×900 that records every problem it meets. */
export async function watchedPage(browser: Browser): Promise<WatchedPage> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') {
      problems.push(`console ${message.type()}: ${message.text()}`);
    }
  });
  page.on('pageerror', (error) => problems.push(`exception: ${error.message}`));
  page.on('requestfailed', (request) => {
    // A form that navigates away cancels what the page was still loading (its favicon, say):
    // Chromium reports that as ERR_ABORTED, which is the navigation, not a failure.
    if (request.failure()?.errorText === 'net::ERR_ABORTED') return;
    problems.push(`request failed: ${request.url()} (${request.failure()?.errorText})`);
  });
  page.on('response', (response) => {
    if (response.status() >= 400) problems.push(`HTTP ${response.status()}: ${response.url()}`);
  });
  return { page, problems };
}

/**
 * Every `svg` matching `selector` is drawn: laid out with a non-zero box and holding shapes.
 * Returns how many there are.
 */
export async function assertDrawn(page: Page, selector: string): Promise<number> {
  const drawings = await page.locator(selector).evaluateAll((svgs) =>
    svgs.map((svg) => {
      const box = svg.getBoundingClientRect();
      return {
        width: box.width,
        height: box.height,
        shapes: svg.querySelectorAll('path, rect, circle, line, polyline, text').length,
      };
    }),
  );
  assert.ok(drawings.length > 0, `no ${selector} on the page`);
  for (const drawing of drawings) {
    assert.ok(drawing.width > 0 && drawing.height > 0, `${selector} has an empty box`);
    assert.ok(drawing.shapes > 2, `${selector} has nothing drawn in it`);
  }
  return drawings.length;
}

/** What a Chromium suite works with: the demo server, the browser, and the current test's page. */
export interface ChromiumSuite {
  demo: DemoServer;
  browser: Browser;
  /** A fresh watched page for each test, closed after it. */
  watched: WatchedPage;
  page: Page;
}

/**
 * Registers, in the calling `describe`, the hooks every Chromium suite needs: the demo server and
 * Chromium started once (before the suite's own `before` hooks, which may use them), a watched page
 * for each test, and everything closed at the end. The fields are filled in as the hooks run.
 */
export function useChromium(): ChromiumSuite {
  const suite = {} as ChromiumSuite;
  before(async () => {
    [suite.demo, suite.browser] = await Promise.all([startDemoServer(), launchChromium()]);
  });
  beforeEach(async () => {
    suite.watched = await watchedPage(suite.browser);
    suite.page = suite.watched.page;
  });
  // Closing the page's own context (a page from `browser.newPage` has one) drops its cookies too.
  afterEach(() => suite.page.context().close());
  after(async () => {
    await suite.browser?.close();
    await suite.demo?.close();
  });
  return suite;
}

/** The page reported no problem and has no serious accessibility violation. */
export async function expectCleanPage(suite: Pick<ChromiumSuite, 'page' | 'watched'>): Promise<void> {
  await expectNoSeriousAxeViolations(suite.page);
  assert.deepEqual(suite.watched.problems, []);
}
