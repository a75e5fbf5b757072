/**
 * The accessibility check of the browser suites: axe-core (the committed dev dependency), injected
 * into the page Chromium shows, run over the whole document; a serious or critical violation fails
 * the test, listing each with the elements it found.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';

const AXE_SOURCE = readFileSync(join(import.meta.dirname, '../../node_modules/axe-core/axe.min.js'), 'utf8');

/** One violation as axe reports it, cut to what a failure message needs. */
interface Violation {
  id: string;
  impact: string | null;
  help: string;
  targets: string[];
}

/**
 * Runs axe-core over the page and fails on any serious or critical violation. The script is
 * evaluated through the DevTools protocol, not added as a `<script>`, so the pages' CSP (which
 * allows only their own scripts) neither blocks it nor has to be loosened for tests.
 */
export async function expectNoSeriousAxeViolations(page: Page): Promise<void> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(context: Document): Promise<{ violations: unknown[] }> } })
      .axe;
    const result = await axe.run(document);
    return (
      result.violations as {
        id: string;
        impact: string | null;
        help: string;
        nodes: { target: string[] }[];
      }[]
    ).map((violation) => ({
      id: violation.id,
      impact: violation.impact,
      help: violation.help,
      targets: violation.nodes.map((node) => node.target.join(' ')),
    }));
  });
  const serious = (violations as Violation[]).filter(
    (violation) => violation.impact === 'serious' || violation.impact === 'critical',
  );
  const listed = serious.map(
    (v) => `${v.impact} ${v.id}: ${v.help}\n    ${v.targets.slice(0, 5).join('\n    ')}`,
  );
  assert.deepEqual(listed, [], `axe-core on ${page.url()}:\n${listed.join('\n')}`);
}
