import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { findWebhookUrlProblem } from './webhook-url.ts';

describe('findWebhookUrlProblem', () => {
  it('accepts http and https URLs, loopback and private hosts included', () => {
    for (const url of [
      'https://hooks.example.org/modelgraph?lab=1',
      'http://127.0.0.1:8081/hooks',
      'http://10.0.0.7/hooks',
      'http://[::1]:9000/',
    ]) {
      assert.equal(findWebhookUrlProblem(url), undefined, url);
    }
  });

  it('refuses other schemes, relative URLs and credentials', () => {
    assert.match(findWebhookUrlProblem('ftp://example.org/') ?? '', /http or https/);
    assert.match(findWebhookUrlProblem('/hooks') ?? '', /absolute/);
    assert.match(findWebhookUrlProblem('https://a:b@example.org/') ?? '', /credentials/);
  });

  it('refuses link-local and cloud-metadata hosts', () => {
    for (const url of [
      'http://169.254.169.254/latest/meta-data/',
      'http://[fe80::abcd]/',
      'http://[fd00:ec2::254]/',
      'http://metadata.google.internal./',
      'http://metadata/computeMetadata/v1',
      'http://METADATA.GOOG./',
      'http://instance-data/latest/meta-data',
      'http://100.100.100.200/latest/meta-data',
      'http://0x64.0x64.0x64.0xc8/',
      'http://1684301000/',
      'http://[::ffff:100.100.100.200]/',
    ]) {
      assert.match(findWebhookUrlProblem(url) ?? '', /link-local or cloud-metadata/, url);
    }
  });
});
