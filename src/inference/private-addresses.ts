/**
 * Addresses an `http` runtime may not name (docs/security.md): link-local networks, where cloud providers
 * answer instance-metadata requests with the machine's credentials, and the metadata services'
 * own names. Checked on the URL at registration and on every resolved address before a batch.
 */
import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';

const BLOCKED = new BlockList();
BLOCKED.addSubnet('169.254.0.0', 16, 'ipv4');
BLOCKED.addSubnet('fe80::', 10, 'ipv6');
BLOCKED.addAddress('fd00:ec2::254', 'ipv6');

const METADATA_NAMES = new Set([
  'metadata.google.internal',
  'metadata.goog',
  'instance-data',
  'instance-data.ec2.internal',
]);

/** Whether an IP address is link-local or a metadata service's (IPv4-mapped IPv6 included). */
export function isLinkLocalOrMetadataAddress(address: string): boolean {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1];
  if (mapped) return BLOCKED.check(mapped, 'ipv4');
  const family = isIP(address);
  if (family === 4) return BLOCKED.check(address, 'ipv4');
  if (family === 6) return BLOCKED.check(address, 'ipv6');
  return false;
}

/** Whether a URL's hostname (IPv6 in brackets or not) names a blocked address or metadata host. */
export function isLinkLocalOrMetadataHost(hostname: string): boolean {
  const bare = hostname
    .replace(/^\[(.*)\]$/, '$1')
    .replace(/\.$/, '')
    .toLowerCase();
  return METADATA_NAMES.has(bare) || isLinkLocalOrMetadataAddress(bare);
}

/**
 * The link-local or metadata address a host name resolves to, if any: a URL checked when it was
 * stored can point anywhere later, so senders ask again before each request. An unresolvable host
 * gives undefined (the request itself then fails, as to an unreachable server).
 */
export async function findBlockedAddress(hostname: string): Promise<string | undefined> {
  try {
    const addresses = await lookup(hostname.replace(/^\[(.*)\]$/, '$1'), { all: true });
    return addresses.find(({ address }) => isLinkLocalOrMetadataAddress(address))?.address;
  } catch {
    return undefined;
  }
}
