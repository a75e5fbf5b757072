import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { prepareStore, withAppDeps } from '../../src/app-deps.ts';
import { loadConfig } from '../../src/config.ts';
import { runInUnit } from '../../src/unit-of-work.ts';
import { createWebhook, sendTestMessage } from '../../src/webhooks/webhook.service.ts';
import { startReceiver } from '../webhooks/receiver.ts';
import { verifiedBody } from '../webhooks/webhook-support.ts';

const BIN = fileURLToPath(new URL('../../bin/modelgraph.js', import.meta.url));
const dataDir = mkdtempSync(join(tmpdir(), 'mg-deliver-webhooks-'));
after(() => rmSync(dataDir, { recursive: true, force: true }));

describe('modelgraph deliver-webhooks', () => {
  it('sends what is due in one sweep, prints the counts, and sends nothing the second time', async () => {
    const receiver = await startReceiver();
    try {
      const env = { MODELGRAPH_DATA_DIR: dataDir, MODELGRAPH_DEMO: 'off', LOG_LEVEL: 'silent' };
      const secret = await withAppDeps(loadConfig(env), {}, async (deps) => {
        await prepareStore(deps);
        const caller = { agentId: 'admin', scopes: ['admin'] };
        return runInUnit(deps, async (unit) => {
          const url = `${receiver.url}/cli`;
          const hook = await createWebhook(deps, { unit, caller, url, eventTypes: ['webhook_test'] });
          await sendTestMessage(deps, { unit, caller, id: hook.id });
          return hook.secret;
        });
      });
      const sweep = async () =>
        (
          await promisify(execFile)(process.execPath, [BIN, 'deliver-webhooks'], {
            env: { ...process.env, ...env },
          })
        ).stdout;
      assert.deepEqual(JSON.parse(await sweep()), { attempted: 1, delivered: 1, retrying: 0, failed: 0 });
      assert.equal(receiver.received.length, 1);
      assert.equal(verifiedBody(secret, receiver.received[0]).type, 'webhook_test');
      assert.deepEqual(JSON.parse(await sweep()), { attempted: 0, delivered: 0, retrying: 0, failed: 0 });
    } finally {
      await receiver.close();
    }
  });
});
