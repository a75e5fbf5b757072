/**
 * Which URLs a webhook may name: http or https only, and never a link-local or
 * cloud-metadata host, the same refusal as an `http` runtime's (docs/security.md).
 */
import { isLinkLocalOrMetadataHost } from '../../inference/private-addresses.ts';

/** Why a webhook cannot send to `url`, or undefined when it can. */
export function findWebhookUrlProblem(url: string): string | undefined {
  if (!URL.canParse(url)) return 'url must be an absolute http or https URL';
  const parsed = new URL(url);
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return 'url must use http or https';
  if (parsed.username || parsed.password) return 'url must not carry credentials';
  if (isLinkLocalOrMetadataHost(parsed.hostname)) {
    return `url names ${parsed.hostname}, a link-local or cloud-metadata address`;
  }
  return undefined;
}
