/**
 * One attempt on the wire: a POST of the message with its headers, under the timeout, following no
 * redirect, to a host that neither names nor resolves to a link-local or metadata address. Whatever happens
 * is an outcome, never a throw: the dispatcher records it.
 */
import { findRefusedHost } from '../inference/private-addresses.ts';

/** How an attempt ended: the status the receiver answered, or why there was none. */
export type SendOutcome = { statusCode: number } | { error: string };

/** A request to send. */
export interface OutgoingMessage {
  url: string;
  headers: Record<string, string>;
  body: string;
  timeoutMs: number;
  /** Aborts the request when the dispatcher stops. */
  signal: AbortSignal;
}

/**
 * Why an outgoing request threw, in one line for a delivery's or an enrichment's `last_error`: a
 * timeout, an abort (`stopper` stopped), or the network's error code.
 */
export function failedRequestReason(error: unknown, timeoutMs: number, stopper = 'the dispatcher'): string {
  if (error instanceof Error && error.name === 'TimeoutError') return `timed out after ${timeoutMs} ms`;
  if (error instanceof Error && error.name === 'AbortError') return `aborted: ${stopper} stopped`;
  const cause = (error as { cause?: { code?: unknown; message?: unknown } }).cause;
  if (typeof cause?.code === 'string') return `request failed: ${cause.code}`;
  return `request failed: ${error instanceof Error ? error.message : String(error)}`;
}

/** Sends one attempt and reports how it ended. */
export async function sendMessage(message: OutgoingMessage): Promise<SendOutcome> {
  const { hostname } = new URL(message.url);
  const refused = await findRefusedHost(hostname);
  if (refused) return { error: `refused: ${refused}` };
  try {
    const response = await fetch(message.url, {
      method: 'POST',
      headers: message.headers,
      body: message.body,
      redirect: 'manual',
      signal: AbortSignal.any([message.signal, AbortSignal.timeout(message.timeoutMs)]),
    });
    // The answer's body means nothing to us; dropping it frees the connection.
    await response.body?.cancel();
    return { statusCode: response.status };
  } catch (error) {
    return { error: failedRequestReason(error, message.timeoutMs) };
  }
}
