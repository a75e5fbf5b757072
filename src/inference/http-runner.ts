import { randomUUID } from 'node:crypto';
import { pairScores, stringifyInputs } from './batch-checks.ts';
import { BatchFailed, RuntimeUnavailable } from './inference-errors.ts';
import { findRefusedHost } from './private-addresses.ts';
import type { InferenceItem, InferenceRunner, RunnerOptions } from './runner.ts';
import type { HttpRuntime } from './runtime.ts';

/** Socket errors that mean no server answers at that address at all, as opposed to a failing request. */
const UNREACHABLE_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);

/**
 * Runs an `http` runtime: one Open Inference Protocol (KServe v2) request per batch,
 * `POST {url}/v2/models/{model}/infer`. A server that cannot be reached is a runtime that
 * cannot start (`RuntimeUnavailable`, the whole pass fails); a timeout, a non-2xx status or a
 * malformed answer fails only the batch (`BatchFailed`).
 */
export function createHttpRunner(runtime: HttpRuntime, options: RunnerOptions): InferenceRunner {
  const endpoint = `${runtime.url.replace(/\/+$/, '')}/v2/models/${encodeURIComponent(runtime.model)}/infer`;
  return {
    infer: async (items) => {
      await assertPublicHost(new URL(runtime.url).hostname);
      return inferOverHttp(endpoint, items, options.timeoutMs);
    },
    // fetch keeps no connection we own, so there is nothing to free.
    close: async () => {},
  };
}

/**
 * Refuses, before any request, a host that names or resolves to a link-local or cloud-metadata
 * address: the URL was checked at registration, but a name can point anywhere later.
 */
async function assertPublicHost(hostname: string): Promise<void> {
  const refused = await findRefusedHost(hostname);
  if (refused) throw new RuntimeUnavailable(`refused: inference host ${refused}`);
}

function snippet(text: string): string {
  return text.length > 500 ? `${text.slice(0, 500)}…` : text;
}

function errorCodes(error: unknown): string[] {
  const cause = (error as { cause?: { code?: unknown; errors?: { code?: unknown }[] } }).cause;
  // With several addresses per host, Node reports an AggregateError holding one error per address.
  return [cause?.code, ...(cause?.errors ?? []).map((inner) => inner.code)].filter(
    (code): code is string => typeof code === 'string',
  );
}

function classifyFetchError(error: unknown, endpoint: string, timeoutMs: number): Error {
  if (error instanceof Error && error.name === 'TimeoutError') {
    return new BatchFailed(`request to ${endpoint} timed out after ${timeoutMs} ms`);
  }
  const codes = errorCodes(error);
  if (codes.some((code) => UNREACHABLE_CODES.has(code))) {
    return new RuntimeUnavailable(`inference server at ${endpoint} cannot be reached: ${codes.join(', ')}`);
  }
  const reason = codes[0] ?? (error instanceof Error ? error.message : String(error));
  return new BatchFailed(`request to ${endpoint} failed: ${reason}`);
}

/** Finds the `confidence` output of an OIP response and returns its values, one per item in order. */
function readConfidenceOutput(body: string, count: number): unknown[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    throw new BatchFailed(`response is not JSON: ${snippet(body)}`);
  }
  const outputs = (parsed as { outputs?: unknown } | null)?.outputs;
  if (!Array.isArray(outputs)) throw new BatchFailed(`response has no "outputs" array: ${snippet(body)}`);
  const output = (outputs as unknown[]).find(
    (candidate) => (candidate as { name?: unknown } | null)?.name === 'confidence',
  ) as { shape?: unknown; data?: unknown } | undefined;
  if (output === undefined) throw new BatchFailed('response has no output named "confidence"');
  const { shape, data } = output;
  const shapeOk =
    Array.isArray(shape) &&
    shape[0] === count &&
    (shape.length === 1 || (shape.length === 2 && shape[1] === 1));
  if (!shapeOk) {
    throw new BatchFailed(
      `output "confidence" has shape ${JSON.stringify(shape)}, expected [${count}] or [${count},1]`,
    );
  }
  // Some servers nest the rows of a [n,1] tensor instead of flattening them.
  const values = Array.isArray(data) ? data.flat() : [];
  if (values.length !== count) {
    throw new BatchFailed(`output "confidence" has ${values.length} values for ${count} inputs`);
  }
  return values;
}

async function inferOverHttp(
  endpoint: string,
  items: readonly InferenceItem[],
  timeoutMs: number,
): Promise<Map<string, number>> {
  const request = {
    id: randomUUID(),
    inputs: [
      {
        name: 'inputs',
        shape: [items.length],
        datatype: 'BYTES',
        data: items.map(stringifyInputs),
      },
    ],
  };
  let response: Response;
  let body: string;
  try {
    response = await fetch(endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(request),
      // One signal for the whole exchange, so a server that stalls mid-body also times out.
      signal: AbortSignal.timeout(timeoutMs),
    });
    body = await response.text();
  } catch (error) {
    throw classifyFetchError(error, endpoint, timeoutMs);
  }
  if (!response.ok) throw new BatchFailed(`HTTP ${response.status} from ${endpoint}: ${snippet(body)}`);
  return pairScores(items, readConfidenceOutput(body, items.length));
}
