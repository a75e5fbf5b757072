import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { DomainError, ERROR_CODES, statusOf } from './errors.ts';
import { BatchFailed, RuntimeUnavailable } from './inference/inference-errors.ts';

const DOC = readFileSync(new URL('../docs/errors.md', import.meta.url), 'utf8');

/** `code → status` of every row of the tables in docs/errors.md. */
function documentedCodes(): Map<string, string> {
  const rows = DOC.split('\n').flatMap((line) => {
    const match = /^\|\s*`([a-z_]+)`\s*\|\s*([^|]+?)\s*\|/.exec(line);
    return match ? [[match[1], match[2]] as const] : [];
  });
  return new Map(rows);
}

const registered = ERROR_CODES.map((entry) => ({ code: new entry.type('probe').code, status: entry.status }));

describe('the error-code registry', () => {
  it('gives every error class its own code', () => {
    const codes = registered.map((entry) => entry.code);
    assert.equal(new Set(codes).size, codes.length, `duplicate codes in ${codes.join(', ')}`);
  });

  it('uses snake_case codes', () => {
    for (const { code } of registered) assert.match(code, /^[a-z]+(_[a-z]+)*$/);
  });

  it('documents every code with its status in docs/errors.md', () => {
    const documented = documentedCodes();
    for (const { code, status } of registered) {
      assert.equal(
        documented.get(code),
        String(status),
        `${code} should be documented with status ${status}`,
      );
    }
  });

  it('documents internal_error as a 500', () => {
    assert.equal(documentedCodes().get('internal_error'), '500');
  });

  it('documents the inference runner codes as job-level codes', () => {
    const documented = documentedCodes();
    for (const code of [new RuntimeUnavailable('probe').code, new BatchFailed('probe').code]) {
      assert.equal(documented.get(code), 'job', `${code} should be documented as a job-level code`);
    }
  });

  it('documents no code that nothing raises', () => {
    const known = new Set([
      ...registered.map((entry) => entry.code),
      'internal_error',
      'runtime_unavailable',
      'batch_failed',
    ]);
    for (const code of documentedCodes().keys())
      assert.ok(known.has(code), `${code} is documented but unknown`);
  });

  it('maps each registered class to its status', () => {
    for (const entry of ERROR_CODES) assert.equal(statusOf(new entry.type('probe')), entry.status);
  });

  it('answers 500 for a domain error missing from the registry', () => {
    class Unregistered extends DomainError {
      readonly code = 'unregistered';
    }
    assert.equal(statusOf(new Unregistered('probe')), 500);
  });
});
