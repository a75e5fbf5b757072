/**
 * `performBackfill(deps, props)` — the edge provenance backfill (docs/jobs.md). It resolves every
 * unattributed model edge once, deals the resolved edges to workers by lineage (disjoint slices),
 * lets each worker write its slice chunk by chunk, one transaction per chunk, and finally marks
 * the edges no rule resolved as of unknown provenance. Safe to run twice, and twice at once;
 * `runJob` wraps it with its log line and tool-call record.
 */
import { assertScope, type Caller } from '../../caller.ts';
import type { Deps } from '../../deps.ts';
import { attributeEdges, markEdgesUnknown } from '../../kg/edge.service.ts';
import { runInUnit } from '../../unit-of-work.ts';
import { type Job, runJob } from '../job.ts';
import { lockLineages, resolveUnattributedEdges } from './backfill.repository.ts';
import type { BackfillSummary } from './backfill.schemas.ts';
import { type AttributionChunk, type AttributionRule, planSlices } from './core/slices.ts';
import {
  addAttributed,
  type BackfillTally,
  checkConcurrency,
  emptyTally,
  tallyPlan,
  toSummary,
} from './core/summary.ts';

export { DEFAULT_CONCURRENCY } from './core/summary.ts';

/** How to run one backfill pass. */
export interface BackfillProps {
  /** Who asks for it (`admin`): an agent over the API, or the CLI acting as admin. */
  caller: Caller;
  /** Workers writing in parallel, each on its own lineages (1…16; callers default to 4). */
  concurrency: number;
  /** Resolve and count only; write nothing. */
  dryRun: boolean;
  /** Called after each committed chunk with the edges handled so far and the edges scanned. */
  onProgress?: (done: number, total: number) => void;
}

/** Edges per transaction: big enough to amortise a round trip, small enough to keep locks short. */
const CHUNK_SIZE = 5_000;

async function backfillPass(deps: Deps, props: BackfillProps, startedAt: number) {
  assertScope(props.caller, 'admin');
  const workers = checkConcurrency(props.concurrency);
  const groups = await runInUnit(deps, (unit) => resolveUnattributedEdges(unit.tx));
  const planned = tallyPlan(groups);
  const input = { concurrency: workers, dry_run: props.dryRun };
  if (props.dryRun) {
    props.onProgress?.(planned.scanned, planned.scanned);
    return {
      summary: toSummary(planned, performance.now() - startedAt, true),
      input,
      errors: [],
      isDryRun: true,
    };
  }

  const plan = planSlices(groups, workers, CHUNK_SIZE);
  const tally = emptyTally(planned.scanned);
  let done = 0;
  const report = (edges: number) => {
    done += edges;
    props.onProgress?.(done, planned.scanned);
  };
  await settleAll(plan.workers.map((chunks) => runWorker(deps, chunks, tally, report)));
  // Unknown last: an edge is only given up on once every attribution of this pass is in.
  for (const edgeIds of plan.unknownChunks) {
    tally.unknown += await runInUnit(deps, (unit) => markEdgesUnknown(unit, edgeIds));
    report(edgeIds.length);
  }
  return {
    summary: toSummary(tally, performance.now() - startedAt, false),
    input,
    errors: [],
    isDryRun: false,
  };
}

/** The backfill as a job. */
const BACKFILL_JOB: Job<BackfillProps, BackfillSummary> = {
  tool: 'edge_backfill',
  message: 'backfill finished',
  perform: backfillPass,
};

/**
 * Runs one backfill pass and returns its summary. In a dry run the counts are what the pass would
 * write; in a real run they are what it did write, which is less only when another pass running
 * at the same time got to an edge first.
 */
export function performBackfill(deps: Deps, props: BackfillProps): Promise<BackfillSummary> {
  return runJob(deps, BACKFILL_JOB, props);
}

async function runWorker(
  deps: Deps,
  chunks: AttributionChunk[],
  tally: BackfillTally,
  report: (edges: number) => void,
): Promise<void> {
  for (const chunk of chunks) {
    const written = await runInUnit(deps, async (unit) => {
      await lockLineages(unit.tx, chunk.lineages);
      return attributeEdges(unit, chunk);
    });
    for (const { rule, count } of written) addAttributed(tally, rule as AttributionRule, count);
    report(chunk.edgeIds.length);
  }
}

/** Like `Promise.all`, but waits for every worker to stop before rethrowing the first failure. */
async function settleAll(work: Promise<void>[]): Promise<void> {
  const failure = (await Promise.allSettled(work)).find((result) => result.status === 'rejected');
  if (failure) throw failure.reason;
}
