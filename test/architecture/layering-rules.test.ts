/**
 * The layering check fails when it should: each planted import below, added to a copy of src/,
 * makes `depcruise` with the project's own configuration report the rule named beside it, while
 * the unchanged copy reports nothing. So a back-arrow between features, a reach into another
 * feature's repository or a cycle between folders cannot land without `npm test` failing.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';

const ROOT = join(import.meta.dirname, '../..');
const copies: string[] = [];
after(() => {
  for (const copy of copies) rmSync(copy, { recursive: true, force: true });
});

/** A copy of src/ with the project's configuration, plus the planted files (path → source). */
function copyWith(planted: Record<string, string>): string {
  const copy = mkdtempSync(join(tmpdir(), 'mg-layering-'));
  copies.push(copy);
  cpSync(join(ROOT, 'src'), join(copy, 'src'), { recursive: true });
  for (const file of ['.dependency-cruiser.cjs', 'tsconfig.json', 'package.json']) {
    cpSync(join(ROOT, file), join(copy, file));
  }
  symlinkSync(join(ROOT, 'node_modules'), join(copy, 'node_modules'));
  for (const [path, source] of Object.entries(planted)) writeFileSync(join(copy, path), source);
  return copy;
}

/** The names of the rules `depcruise` reports as broken in a copy. */
function brokenRules(copy: string): Set<string> {
  const run = spawnSync(
    join(ROOT, 'node_modules/.bin/depcruise'),
    ['src', '--config', '.dependency-cruiser.cjs', '--output-type', 'json'],
    { cwd: copy, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 },
  );
  assert.ok(run.stdout, `depcruise printed nothing: ${run.stderr}`);
  const result = JSON.parse(run.stdout) as { summary: { violations: { rule: { name: string } }[] } };
  return new Set(result.summary.violations.map((violation) => violation.rule.name));
}

describe('the layering check', () => {
  it('passes the source as it is', () => {
    assert.deepEqual([...brokenRules(copyWith({}))], []);
  });

  it('fails a feature importing one above it, a foreign repository and a cycle between folders', () => {
    const broken = brokenRules(
      copyWith({
        // credit sits below the registry: a back-arrow, and a door into the registry's tables.
        'src/credit/planted-back-arrow.ts':
          "import { findModelVersion } from '../registry/models/model.repository.ts';\nexport const planted = findModelVersion;\n",
        // kg → formats and formats → kg through different files: no file cycle, a folder cycle.
        'src/kg/planted-up.ts':
          "import { planted } from '../formats/planted-down.ts';\nexport const up = planted;\n",
        'src/formats/planted-down.ts': 'export const planted = 1;\n',
        'src/formats/planted-across.ts':
          "import { kgPlanted } from '../kg/planted-leaf.ts';\nexport const across = kgPlanted;\n",
        'src/kg/planted-leaf.ts': 'export const kgPlanted = 2;\n',
      }),
    );
    for (const rule of [
      'feature-order:credit',
      'no-foreign-repository',
      'feature-order:kg',
      'no-folder-cycles',
    ]) {
      assert.ok(broken.has(rule), `expected ${rule} among ${[...broken].join(', ')}`);
    }
  });
});
