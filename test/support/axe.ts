/**
 * The automated accessibility check of the Chromium suites: axe-core (the npm package's own
 * `axe.min.js`, never a download) evaluated in the page, failing on any serious or critical
 * violation and listing each with the elements it found it on.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: unknown[] }[];
}

/**
 * Runs axe-core on the page as it stands and asserts it finds no serious or critical violation.
 * The script is evaluated through the browser's debugging protocol rather than added as a
 * `<script>`, so the page's Content-Security-Policy (no inline script) stays as it is served.
 */
export async function expectNoSeriousAxeViolations(page: Page): Promise<void> {
  const alreadyLoaded = await page.evaluate(() => 'axe' in window);
  if (!alreadyLoaded) await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(async () => {
    // `axe` is the global the evaluated script defined; the page's own types know nothing of it.
    const { axe } = window as unknown as {
      axe: { run(context: Document, options: object): Promise<{ violations: AxeViolation[] }> };
    };
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map(({ id, impact, help, nodes }) => ({
      id,
      impact,
      help,
      nodes: nodes.map(({ target }) => ({ target })),
    }));
  });
  const serious = violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map(
      (violation) =>
        `${violation.impact} ${violation.id}: ${violation.help} — ${violation.nodes
          .slice(0, 5)
          .map((node) => node.target.join(' '))
          .join(', ')}`,
    );
  assert.deepEqual(serious, [], `axe-core on ${page.url()}:\n${serious.join('\n')}`);
}
