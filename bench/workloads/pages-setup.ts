/**
 * What the write pages need in a bench world that the generator does not make: an evaluator
 * signed in (its token, as the page's session cookie and as the API's bearer), open promotion
 * requests (the showcase lineages' v4 candidates) and a retracted dataset version (for the
 * reinstate dry run). All of it is made through the commands, in units of work, as a person would,
 * and `tearDownWritePages` undoes what this run made (the requests withdrawn, the dataset
 * reinstated) so the workloads after this one find the world as it was, events aside; a world that
 * had them already (a reused copy) keeps what it had.
 */
import { ensureAgent } from '../../src/agents/agent.service.ts';
import { issueToken } from '../../src/agents/token.service.ts';
import { actingAs } from '../../src/caller.ts';
import { AlreadyRetracted, RequestExists } from '../../src/errors.ts';
import {
  listPromotionRequests,
  openPromotionRequest,
} from '../../src/governance/promotion-request.service.ts';
import { withdrawPromotionRequest } from '../../src/governance/request-decision.service.ts';
import { reinstateArtifact, retractArtifact } from '../../src/retraction/retraction.service.ts';
import { runInUnit } from '../../src/unit-of-work.ts';
import type { BenchContext } from '../context.ts';
import { FIXTURES, ids } from '../world/params.ts';

const EVALUATOR = 'bench-pages-evaluator';
const ADMIN = actingAs('bench');
const caller = { agentId: EVALUATOR, scopes: ['evaluate' as const] };

/** What the write-page rows ask with. */
export interface WritePagesWorld {
  /** The evaluator's token: `mg_token=…` for the pages, `Bearer …` for the API. */
  cookie: string;
  bearer: string;
  /** An open request (the newest). */
  requestId: number;
  /** A dataset version to dry-run a retraction of, and one retracted to dry-run its reinstatement. */
  retract: { artifactId: string; version: number };
  reinstate: { artifactId: string; version: number };
  /** What this run made, for the tear-down: the requests it opened, whether it retracted. */
  made: { requestIds: number[]; retracted: boolean };
}

/** Runs `work`, taking `expected` (a conflict with what the world has already) as done: undefined then. */
async function unlessDone<T>(
  work: () => Promise<T>,
  expected: new (...args: never[]) => Error,
): Promise<T | undefined> {
  try {
    return await work();
  } catch (error) {
    if (!(error instanceof expected)) throw error;
    return undefined;
  }
}

/** Makes (or finds) the write pages' subjects. */
export async function setUpWritePages(ctx: BenchContext): Promise<WritePagesWorld> {
  const { deps } = ctx;
  const { token } = await runInUnit(deps, async (unit) => {
    await ensureAgent(deps, { unit, agent: { id: EVALUATOR, displayName: 'Pages bench', kind: 'human' } });
    return issueToken(deps, { unit, caller: ADMIN, agentId: EVALUATOR, scopes: ['evaluate'] });
  });
  const made = { requestIds: [] as number[], retracted: false };
  for (const lineage of FIXTURES.showcaseLineages) {
    const opened = await unlessDone(
      () =>
        runInUnit(deps, (unit) => openPromotionRequest(deps, { unit, caller, id: ids.version(lineage, 4) })),
      RequestExists,
    );
    if (opened !== undefined) made.requestIds.push(opened);
  }
  const reinstate = { artifactId: ids.dataset(FIXTURES.payout.evalDataset), version: 1 };
  const retracted = await unlessDone(
    () =>
      runInUnit(deps, (unit) =>
        retractArtifact(deps, { ...reinstate, unit, caller, reason: 'pages bench', dryRun: false }),
      ),
    AlreadyRetracted,
  );
  made.retracted = retracted !== undefined;
  const open = await listPromotionRequests(deps, { filter: { status: 'open' }, limit: 1 });
  const [newest] = open.requests;
  if (!newest) throw new Error('the pages bench found no open promotion request');
  return {
    cookie: `mg_token=${encodeURIComponent(token)}`,
    bearer: `Bearer ${token}`,
    requestId: newest.request.id,
    retract: { artifactId: ids.dataset(FIXTURES.payout.datasets[0]), version: 1 },
    reinstate,
    made,
  };
}

/** Withdraws the requests this run opened and reinstates the dataset version it retracted. */
export async function tearDownWritePages(ctx: BenchContext, world: WritePagesWorld): Promise<void> {
  const { deps } = ctx;
  for (const requestId of world.made.requestIds) {
    await runInUnit(deps, (unit) => withdrawPromotionRequest(deps, { unit, caller, requestId }));
  }
  if (world.made.retracted) {
    await runInUnit(deps, (unit) =>
      reinstateArtifact(deps, {
        ...world.reinstate,
        unit,
        caller,
        reason: 'pages bench over',
        dryRun: false,
      }),
    );
  }
}
