import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { describeOptionalSuites, type Prerequisite, venvsToBuild } from './optional-suites.ts';

const present: Prerequisite[] = [
  { name: 'PostgreSQL', missing: false },
  { name: 'Chromium', missing: false },
];

describe('the line on the optional suites', () => {
  it('names every prerequisite whose suites run', () => {
    assert.equal(
      describeOptionalSuites(present, false),
      'run-tests: optional suites — PostgreSQL: run; Chromium: run',
    );
  });

  it('says which are skipped and why, and that they fail instead with CI=true', () => {
    const missing: Prerequisite[] = [
      present[0],
      { name: 'Chromium', missing: '/usr/bin/chromium is not installed' },
    ];
    assert.equal(
      describeOptionalSuites(missing, false),
      'run-tests: optional suites — PostgreSQL: run; Chromium: skipped, /usr/bin/chromium is not installed',
    );
    assert.equal(
      describeOptionalSuites(missing, true),
      'run-tests: optional suites — PostgreSQL: run; Chromium: FAIL with CI=true, /usr/bin/chromium is not installed',
    );
  });

  it('says what the runner builds first instead of skipping', () => {
    const building: Prerequisite = {
      name: 'Python venvs',
      missing: '.venv/kgx missing',
      building: 'building .venv/kgx first (MODELGRAPH_TEST_BUILD_VENVS=1)',
    };
    assert.equal(
      describeOptionalSuites([building], false),
      'run-tests: optional suites — Python venvs: building .venv/kgx first (MODELGRAPH_TEST_BUILD_VENVS=1)',
    );
  });
});

describe('the Python venvs the runner builds', () => {
  it('builds none unless MODELGRAPH_TEST_BUILD_VENVS=1, even in CI', () => {
    assert.deepEqual(venvsToBuild({}, ['dev', 'kgx']), []);
    assert.deepEqual(venvsToBuild({ CI: 'true' }, ['dev', 'kgx']), []);
    assert.deepEqual(venvsToBuild({ MODELGRAPH_TEST_BUILD_VENVS: '0' }, ['dev']), []);
    assert.deepEqual(venvsToBuild({ MODELGRAPH_TEST_BUILD_VENVS: '1' }, ['dev', 'kgx']), ['dev', 'kgx']);
  });
});
