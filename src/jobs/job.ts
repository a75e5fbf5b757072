/**
 * The one wrapper every job runs in: it times the job's `perform`, writes the job's log line (to
 * the process log, and to the job's own log file when it has one), and records the run in
 * `tool_calls` — a dry run leaves no record. What decides between two runs at once is the job's
 * own claim inside `perform` (the rescore's pass claim, the backfill's lineage locks).
 */
import type { JsonObject } from '../db/schema.ts';
import type { Deps } from '../deps.ts';
import { insertToolCall } from './job.repository.ts';
import { appendJsonLine } from './job-log.ts';

/** What one run of a job produced. */
export interface JobRun<S> {
  /** The summary the job answers with (its log line). */
  summary: S;
  /** The run's input as the tool-call record keeps it. */
  input: JsonObject;
  /** Errors met on the way (runner failures…), kept in the tool-call record. */
  errors: string[];
  /** Whether the run changed nothing by design (a dry run): then no record is written. */
  isDryRun: boolean;
  /** Extra fields of the process log line only (timings the summary does not carry). */
  logExtras?: JsonObject;
}

/** A job: a name and one entry point. */
export interface Job<P, S extends JsonObject> {
  /** The tool name in `tool_calls`, and the key of the summary in the process log line. */
  readonly tool: string;
  /** The message of the process log line. */
  readonly message: string;
  /** The file the summary is also appended to as one JSON line, if the job has one. */
  logFile?(deps: Deps): string;
  /** The summary as the process log line shows it, when that should be shorter than the record. */
  logged?(summary: S): JsonObject;
  perform(deps: Deps, props: P, startedAt: number): Promise<JobRun<S>>;
}

/** A summary's own outcome word (the rescore's `ok`, `noop`, …), else `ok`: it finished. */
function outcomeOf(summary: JsonObject): string {
  return typeof summary.outcome === 'string' ? summary.outcome : 'ok';
}

/** Runs a job once and returns its summary. */
export async function runJob<P, S extends JsonObject>(deps: Deps, job: Job<P, S>, props: P): Promise<S> {
  const startedAt = performance.now();
  const seconds = () => (performance.now() - startedAt) / 1000;
  let run: JobRun<S>;
  try {
    run = await job.perform(deps, props, startedAt);
  } catch (error) {
    deps.metrics.observeJob(job.tool, 'failed', seconds());
    throw error;
  }
  deps.metrics.observeJob(job.tool, outcomeOf(run.summary), seconds());
  const durationMs = Math.round(performance.now() - startedAt);
  const logFile = job.logFile?.(deps);
  if (logFile) await appendJsonLine(logFile, run.summary);
  deps.logger.info({ [job.tool]: job.logged?.(run.summary) ?? run.summary, ...run.logExtras }, job.message);
  if (!run.isDryRun) {
    await insertToolCall(deps.db, {
      tool: job.tool,
      input: run.input,
      output: { ...run.summary },
      error: run.errors.filter(Boolean).join('\n') || null,
      durationMs,
    });
  }
  return run.summary;
}
