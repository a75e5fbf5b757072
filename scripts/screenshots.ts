/**
 * `npm run screenshots`: starts `serve` with the demo world on a throw-away database, opens each
 * page in Debian's Chromium at 1280 px and writes `docs/screenshots/<page>.png` (the README shows
 * them). The review queue is shot after promoting microglia v3 and rescoring, signed in as an
 * evaluator, so it has flagged edges and their keep/retract forms; the lineage page, the open
 * promotion request and a retraction's dry run are shot signed in as that evaluator.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import {
  browserUnavailable,
  evaluatorToken,
  launchChromium,
  promoteAndRescore,
  startDemoServer,
  watchedPage,
} from '../test/support/browser.ts';

const OUT_DIR = join(import.meta.dirname, '..', 'docs', 'screenshots');

/** Each shot: file name, path, and whether to capture the whole page or the first screen. */
const SHOTS = [
  { name: 'catalog', path: '/models', fullPage: false },
  { name: 'model-detail', path: '/models/model-biophys-microglia-v2', fullPage: true },
  {
    name: 'compare',
    path: '/models/compare?ids=model-biophys-microglia-v2&ids=model-biophys-microglia-v3',
    fullPage: true,
  },
  { name: 'artifact', path: '/artifacts/dataset-rosmap-snrnaseq', fullPage: false },
  { name: 'agent', path: '/agents/dr-lena-hoffmann', fullPage: false },
  { name: 'kg-edges', path: '/kg/edges?object=GO%3A0001774', fullPage: false },
] as const;

const unavailable = browserUnavailable();
if (unavailable) {
  console.error(`screenshots: ${unavailable}`);
  process.exit(1);
}

mkdirSync(OUT_DIR, { recursive: true });
const [demo, browser] = await Promise.all([startDemoServer(), launchChromium()]);
try {
  const { page, problems } = await watchedPage(browser);
  const shoot = async (name: string, fullPage: boolean) => {
    const file = join(OUT_DIR, `${name}.png`);
    await page.screenshot({ path: file, fullPage });
    console.log(`screenshots: ${file}`);
  };
  for (const shot of SHOTS) {
    await page.goto(`${demo.baseUrl}${shot.path}`);
    if (shot.name === 'model-detail') await page.getByText('Copy as Mermaid').click();
    await shoot(shot.name, shot.fullPage);
  }
  await promoteAndRescore(demo);
  await page.goto(`${demo.baseUrl}/kg/review`);
  await page.getByLabel(/Agent token/).fill(await evaluatorToken(demo, 'screenshot-evaluator'));
  await Promise.all([
    page.waitForURL(/done=signed-in/),
    page.getByRole('button', { name: 'Sign in' }).click(),
  ]);
  await shoot('review-queue', false);
  // Signed in, the write pages: a lineage with the forms the evaluator may use and its timeline,
  // the demo's open promotion request with its checks, and a retraction's dry run.
  await page.goto(`${demo.baseUrl}/lineages/model-biophys-microglia`);
  await shoot('lineage', false);
  await page.goto(`${demo.baseUrl}/promotion-requests`);
  await Promise.all([
    page.waitForURL(/\/promotion-requests\/\d+$/),
    page.locator('table a[href^="/promotion-requests/"]').first().click(),
  ]);
  await shoot('promotion-request', true);
  await page.goto(`${demo.baseUrl}/artifacts/dataset-ipsc-microglia-kinetics/retract`);
  await shoot('retract-dry-run', false);
  if (problems.length > 0) throw new Error(`the pages reported problems:\n${problems.join('\n')}`);
} finally {
  await browser.close();
  await demo.close();
}
