/**
 * Runtimes run code, so they are guarded (docs/security.md): a `process` runtime needs `admin` unless its
 * program is listed in MODELGRAPH_RUNTIME_COMMANDS; its cwd must exist; an `http` runtime may not
 * name a link-local or cloud-metadata address, however spelled; and a process runtime's command
 * and env are shown only to the lineage's maintainers and `admin`. The rules of the sandbox's
 * configuration are in test/sandbox/runtime-rules.test.ts.
 */
import assert from 'node:assert/strict';
import { tmpdir } from 'node:os';
import { after, before, describe, it } from 'node:test';
import { ADMIN_TOKEN, startTestApp, type TestApp } from '../support/app.ts';
import { buildModelBody, expectError, expectNoWrites, uniqueId } from '../support/factories.ts';
import { testStores } from '../support/stores.ts';

const ALLOWED = '/opt/modelgraph/bin/score';

for (const store of testStores()) {
  describe(`runtime guard on ${store.name}`, () => {
    let t: TestApp;
    let writer: string;
    let otherWriter: string;
    before(async () => {
      t = await startTestApp(store, { MODELGRAPH_RUNTIME_COMMANDS: `/usr/bin/true,${ALLOWED}` });
      writer = await t.agentToken(uniqueId('writer'), ['write']);
      otherWriter = await t.agentToken(uniqueId('reader'), ['write']);
    });
    after(() => t.close());

    const register = (runtime: unknown, token = writer) =>
      t.request('POST', '/api/models', { token, body: buildModelBody({ runtime }) });

    it('refuses a process runtime from a write token with 403 when its program is not listed, writing nothing', async () => {
      for (const command of [
        ['/bin/sh', '-c', 'id > /tmp/owned'],
        ['python3', 'eval.py'],
        [`${ALLOWED}-x`],
      ]) {
        const response = await expectNoWrites(t, () => register({ kind: 'process', command }));
        assert.match(expectError(response, 403, 'forbidden').message, /MODELGRAPH_RUNTIME_COMMANDS/);
      }
    });

    it('accepts a listed program from a write token, and any program from admin', async () => {
      assert.equal((await register({ kind: 'process', command: [ALLOWED, '--fast'] })).statusCode, 201);
      assert.equal(
        (await register({ kind: 'process', command: ['/bin/sh', '-c', 'true'] }, ADMIN_TOKEN)).statusCode,
        201,
      );
    });

    it('refuses a process runtime whose cwd is not an existing directory with 400 naming runtime.cwd', async () => {
      const response = await expectNoWrites(t, () =>
        register({ kind: 'process', command: [ALLOWED], cwd: '/no/such/folder' }, ADMIN_TOKEN),
      );
      assert.match(
        expectError(response, 400, 'invalid_request').message,
        /^runtime\.cwd must be an existing directory/,
      );
      assert.equal((await register({ kind: 'process', command: [ALLOWED], cwd: tmpdir() })).statusCode, 201);
    });

    for (const url of [
      'http://169.254.169.254/latest/meta-data',
      'http://169.254.10.1:8080',
      'http://[fe80::1]:8080',
      'http://[fd00:ec2::254]',
      'http://[::ffff:169.254.169.254]',
      'http://2852039166/',
      'http://metadata.google.internal/computeMetadata/v1',
      'http://metadata/computeMetadata/v1',
      'http://METADATA.GOOG./',
      'http://instance-data/latest/meta-data',
      'http://100.100.100.200/latest/meta-data',
      'http://0x64.0x64.0x64.0xc8/',
      'http://0144.0144.0144.0310/',
      'http://100.6579400/',
      'http://[::ffff:100.100.100.200]/',
    ]) {
      it(`refuses an http runtime at ${url} with 400, even from admin`, async () => {
        const response = await expectNoWrites(t, () =>
          register({ kind: 'http', url, model: 'm' }, ADMIN_TOKEN),
        );
        assert.match(
          expectError(response, 400, 'invalid_request').message,
          /^runtime\.url must not name a link-local/,
        );
      });
    }

    it('accepts an http runtime on an ordinary address', async () => {
      assert.equal(
        (await register({ kind: 'http', url: 'http://127.0.0.1:9000', model: 'm' })).statusCode,
        201,
      );
    });

    it("shows a process runtime's command and env to its maintainers and admin only", async () => {
      const runtime = { kind: 'process', command: [ALLOWED, '--token', 'x'], env: { API_KEY: 'secret' } };
      const created = await register(runtime);
      assert.equal(created.statusCode, 201, created.body);
      assert.deepEqual(created.json().runtime, runtime, 'the maintainer who registered it');
      const url = `/api/models/${created.json().id}`;
      assert.deepEqual((await t.request('GET', url, { token: ADMIN_TOKEN })).json().runtime, runtime);
      const hidden = { kind: 'process', hidden: ['command', 'env'] };
      assert.deepEqual((await t.request('GET', url)).json().runtime, hidden, 'anonymous');
      assert.deepEqual(
        (await t.request('GET', url, { token: otherWriter })).json().runtime,
        hidden,
        'not a maintainer',
      );
      expectError(await t.request('GET', url, { token: 'mg_not-a-token' }), 401, 'unauthenticated');
    });
  });
}
