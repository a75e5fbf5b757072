/**
 * Addresses an outbound request (an `http` runtime, a webhook) may not name (docs/security.md):
 * link-local networks and the cloud-metadata services, which answer with the machine's
 * credentials — `169.254.0.0/16`, `fe80::/10`, AWS's `fd00:ec2::254`, Alibaba's `100.100.100.200`
 * and the metadata services' host names — in every spelling that reaches them: any case, trailing
 * dots, the decimal, octal, hexadecimal and shortened IPv4 forms, and IPv4 inside IPv6 (mapped,
 * compatible, NAT64, 6to4). Checked on the URL at registration and on every resolved address
 * before each request.
 */
import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';

const BLOCKED = new BlockList();
BLOCKED.addSubnet('169.254.0.0', 16, 'ipv4');
BLOCKED.addAddress('100.100.100.200', 'ipv4');
BLOCKED.addSubnet('fe80::', 10, 'ipv6');
BLOCKED.addAddress('fd00:ec2::254', 'ipv6');

const METADATA_NAMES = new Set([
  'metadata',
  'metadata.google.internal',
  'metadata.goog',
  'instance-data',
  'instance-data.ec2.internal',
]);

/**
 * A host as an HTTP client reads it: lowercase and IDNA-mapped, percent-escapes decoded, any
 * numeric IPv4 form as a dotted quad, without IPv6 brackets or trailing dots.
 */
export function canonicalHost(hostname: string): string {
  const bare = hostname.replace(/^\[(.*)\]$/, '$1');
  // The WHATWG URL parser is what fetch itself applies to the host, so its reading is the one that counts.
  const spelled = isIP(bare) === 6 ? `[${bare}]` : bare;
  const parsed = URL.canParse(`http://${spelled}/`)
    ? new URL(`http://${spelled}/`).hostname
    : bare.toLowerCase();
  return parsed.replace(/^\[(.*)\]$/, '$1').replace(/\.+$/, '');
}

/** The eight 16-bit groups of an IPv6 address (`::` expanded, a trailing dotted quad converted). */
function ipv6Groups(address: string): number[] {
  let text = address.replace(/%.*$/, '');
  const quad = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
  if (quad) {
    const [a, b, c, d] = quad.slice(1).map(Number);
    text = `${text.slice(0, quad.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const parse = (part: string) =>
    part === '' ? [] : part.split(':').map((group) => Number.parseInt(group, 16));
  const [head, tail] = text.split('::');
  if (tail === undefined) return parse(head);
  const left = parse(head);
  const right = parse(tail);
  return [...left, ...Array<number>(8 - left.length - right.length).fill(0), ...right];
}

/** The IPv4 address an IPv6 address carries (mapped, compatible, NAT64 or 6to4), if it carries one. */
export function embeddedIPv4(address: string): string | undefined {
  const g = ipv6Groups(address);
  const quad = (high: number, low: number) => `${high >> 8}.${high & 255}.${low >> 8}.${low & 255}`;
  const zeros = (from: number, to: number) => g.slice(from, to).every((group) => group === 0);
  if (zeros(0, 5) && (g[5] === 0xffff || (g[5] === 0 && (g[6] !== 0 || g[7] > 1)))) return quad(g[6], g[7]);
  if (g[0] === 0x64 && g[1] === 0xff9b && zeros(2, 6)) return quad(g[6], g[7]);
  if (g[0] === 0x2002) return quad(g[1], g[2]);
  return undefined;
}

/** Whether an IP address is link-local or a metadata service's, in any IPv4-in-IPv6 form too. */
export function isLinkLocalOrMetadataAddress(address: string): boolean {
  const host = canonicalHost(address);
  const family = isIP(host);
  if (family === 4) return BLOCKED.check(host, 'ipv4');
  if (family !== 6) return false;
  const inner = embeddedIPv4(host);
  return BLOCKED.check(host, 'ipv6') || (inner !== undefined && BLOCKED.check(inner, 'ipv4'));
}

/** Whether a URL's host names a blocked address or a metadata service's host name, however spelled. */
export function isLinkLocalOrMetadataHost(hostname: string): boolean {
  const host = canonicalHost(hostname);
  return METADATA_NAMES.has(host) || isLinkLocalOrMetadataAddress(host);
}

/**
 * Why a request to this host must not be sent, or undefined when it may: its name, or an address
 * it resolves to now. A URL checked when it was stored can point anywhere later, so senders ask
 * again before each request. An unresolvable host gives undefined (the request itself then
 * fails, as to an unreachable server).
 */
export async function findRefusedHost(hostname: string): Promise<string | undefined> {
  if (isLinkLocalOrMetadataHost(hostname)) return `${hostname} names a link-local or cloud-metadata address`;
  try {
    const addresses = await lookup(canonicalHost(hostname), { all: true });
    const blocked = addresses.find(({ address }) => isLinkLocalOrMetadataAddress(address))?.address;
    return blocked && `${hostname} resolves to ${blocked}, a link-local or metadata address`;
  } catch {
    return undefined;
  }
}
