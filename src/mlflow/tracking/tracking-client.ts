/**
 * The MLflow tracking server as the enrichment reads it: two GETs of its REST API, each under the
 * outbound timeout, following no redirect, to a host that neither names nor resolves to a
 * link-local or metadata address. Any failure — no answer, a timeout, a status other than 200, an
 * answer of the wrong shape — throws `TrackingServerFailure` with a one-line reason to record.
 */
import { findRefusedHost } from '../../inference/private-addresses.ts';
import { failedRequestReason } from '../../webhooks/delivery-sender.ts';
import {
  BadTrackingAnswer,
  sourceRunOfLoggedModel,
  type TrackedRun,
  trackedRunOf,
} from '../core/tracking-facts.ts';

/** Why the tracking server could not tell what the enrichment asked. */
export class TrackingServerFailure extends Error {}

/** Where the tracking server is and how long one request may take. */
export interface TrackingServerOptions {
  baseUrl: string;
  timeoutMs: number;
  /** Aborts the request in flight when the worker stops. */
  signal: AbortSignal;
}

/** The part of MLflow's error answer worth recording. */
function errorOf(body: string): string {
  try {
    const parsed = JSON.parse(body) as { error_code?: unknown; message?: unknown };
    if (typeof parsed.error_code === 'string')
      return ` ${parsed.error_code}: ${String(parsed.message ?? '')}`;
  } catch {
    // Not MLflow's JSON: the status alone says it.
  }
  return '';
}

async function getJson(options: TrackingServerOptions, path: string): Promise<unknown> {
  const url = `${options.baseUrl}${path}`;
  const refused = await findRefusedHost(new URL(url).hostname);
  if (refused) throw new TrackingServerFailure(`refused: ${refused}`);
  const what = `GET ${path.split('?')[0]}`;
  let response: Response;
  let body: string;
  try {
    response = await fetch(url, {
      headers: { accept: 'application/json', 'user-agent': 'modelgraph-mlflow-enrichment' },
      redirect: 'manual',
      signal: AbortSignal.any([options.signal, AbortSignal.timeout(options.timeoutMs)]),
    });
    body = await response.text();
  } catch (error) {
    throw new TrackingServerFailure(
      `${what}: ${failedRequestReason(error, options.timeoutMs, 'the enrichment worker')}`,
    );
  }
  if (response.status !== 200) {
    throw new TrackingServerFailure(`${what} answered ${response.status}${errorOf(body).slice(0, 500)}`);
  }
  try {
    return JSON.parse(body);
  } catch {
    throw new TrackingServerFailure(`${what} answered 200 with a body that is not JSON`);
  }
}

function readAnswer<T>(what: string, read: () => T): T {
  try {
    return read();
  } catch (error) {
    if (error instanceof BadTrackingAnswer) throw new TrackingServerFailure(`${what}: ${error.message}`);
    throw error;
  }
}

/** The run a logged model came from (MLflow 3), or null when it was logged outside a run. */
export async function fetchSourceRunOfLoggedModel(
  options: TrackingServerOptions,
  modelId: string,
): Promise<string | null> {
  const answer = await getJson(options, `/api/2.0/mlflow/logged-models/${encodeURIComponent(modelId)}`);
  return readAnswer('logged model', () => sourceRunOfLoggedModel(answer));
}

/** A run's parameters, metrics and dataset inputs. */
export async function fetchRun(options: TrackingServerOptions, runId: string): Promise<TrackedRun> {
  const answer = await getJson(options, `/api/2.0/mlflow/runs/get?run_id=${encodeURIComponent(runId)}`);
  return readAnswer('run', () => trackedRunOf(answer));
}
