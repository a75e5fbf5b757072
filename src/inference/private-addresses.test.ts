import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import {
  canonicalHost,
  embeddedIPv4,
  findRefusedHost,
  isLinkLocalOrMetadataHost,
} from './private-addresses.ts';

/** The host an HTTP client would send to for `url`. */
const hostOf = (url: string) => new URL(url).hostname;

/** Every way the URL parser accepts an IPv4 address: dotted, one number, short forms, hex, octal. */
function spellings([a, b, c, d]: number[]): string[] {
  const whole = ((a << 24) >>> 0) + (b << 16) + (c << 8) + d;
  const hex = (n: number) => `0x${n.toString(16)}`;
  const octal = (n: number) => `0${n.toString(8)}`;
  const mapped = `${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  return [
    `http://${a}.${b}.${c}.${d}/`,
    `http://${a}.${b}.${c}.${d}./`,
    `http://${whole}/`,
    `http://${hex(whole)}/`,
    `http://${a}.${(b << 16) + (c << 8) + d}/`,
    `http://${a}.${b}.${(c << 8) + d}/`,
    `http://${[a, b, c, d].map(hex).join('.')}/`,
    `http://${[a, b, c, d].map(octal).join('.')}/`,
    `http://[::ffff:${a}.${b}.${c}.${d}]/`,
    `http://[::ffff:${mapped}]/`,
    `http://[0:0:0:0:0:ffff:${mapped}]/`,
    `http://[::${a}.${b}.${c}.${d}]/`,
    `http://[64:ff9b::${a}.${b}.${c}.${d}]/`,
    `http://[2002:${mapped}::1]/`,
  ];
}

const octet = fc.integer({ min: 0, max: 255 });

describe('outbound address guard', () => {
  it('refuses every spelling of a link-local address', () => {
    fc.assert(
      fc.property(octet, octet, (c, d) => {
        for (const url of spellings([169, 254, c, d])) assert.ok(isLinkLocalOrMetadataHost(hostOf(url)), url);
      }),
    );
  });

  it("refuses every spelling of Alibaba Cloud's metadata address 100.100.100.200", () => {
    for (const url of spellings([100, 100, 100, 200])) assert.ok(isLinkLocalOrMetadataHost(hostOf(url)), url);
  });

  it('lets every spelling of an ordinary address through', () => {
    const ordinary = fc
      .tuple(octet, octet, octet, octet)
      .filter(
        ([a, b, c, d]) => !(a === 169 && b === 254) && !(a === 100 && b === 100 && c === 100 && d === 200),
      );
    fc.assert(
      fc.property(ordinary, (address) => {
        for (const url of spellings(address))
          assert.equal(isLinkLocalOrMetadataHost(hostOf(url)), false, url);
      }),
    );
  });

  it('refuses the metadata host names in any case, with trailing dots, escaped or in full-width letters', () => {
    for (const url of [
      'http://metadata/computeMetadata/v1',
      'http://METADATA./',
      'http://metadata../',
      'http://%6Detadata/',
      'http://\uff4d\uff45\uff54\uff41\uff44\uff41\uff54\uff41/',
      'http://Metadata.Google.Internal./',
      'http://metadata.goog/',
      'http://instance-data/latest/',
      'http://INSTANCE-DATA.ec2.internal./',
      'http://[fe80::1]/',
      'http://[FD00:EC2::254]/',
    ]) {
      assert.ok(isLinkLocalOrMetadataHost(hostOf(url)), url);
    }
    for (const host of [
      'metadata.example.org',
      'my-metadata',
      'instance-data-store.local',
      '100.100.100.201',
    ]) {
      assert.equal(isLinkLocalOrMetadataHost(host), false, host);
    }
  });

  it('reads hosts the way the URL parser does', () => {
    assert.equal(canonicalHost('[::FFFF:100.100.100.200]'), '::ffff:6464:64c8');
    assert.equal(canonicalHost('0x64.0x64.0x64.0xc8.'), '100.100.100.200');
    assert.equal(embeddedIPv4('::1'), undefined, 'loopback carries no IPv4 address');
    assert.equal(embeddedIPv4('2001:db8::1'), undefined);
  });

  it('refuses a metadata host name before resolving it, and lets a resolvable ordinary host through', async () => {
    assert.match((await findRefusedHost('metadata.google.internal.')) ?? '', /cloud-metadata/);
    assert.match((await findRefusedHost('0x64.0x64.0x64.0xc8')) ?? '', /cloud-metadata/);
    assert.equal(await findRefusedHost('localhost'), undefined);
  });
});
