/**
 * What the write pages need in a bench world that the generator does not make: an evaluator
 * signed in (its token, as the page's session cookie and as the API's bearer), open promotion
 * requests (the showcase lineages' v4 candidates) and a retracted dataset version (for the
 * reinstate dry run). All of it is made through the commands, in units of work, as a person would;
 * a world that has it already (a reused copy) keeps what it has.
 */
import { ensureAgent } from '../../src/agents/agent.service.ts';
import { issueToken } from '../../src/agents/token.service.ts';
import { actingAs } from '../../src/caller.ts';
import { AlreadyRetracted, RequestExists } from '../../src/errors.ts';
import {
  listPromotionRequests,
  openPromotionRequest,
} from '../../src/governance/promotion-request.service.ts';
import { retractArtifact } from '../../src/retraction/retraction.service.ts';
import { runInUnit } from '../../src/unit-of-work.ts';
import type { BenchContext } from '../context.ts';
import { FIXTURES, ids } from '../world/params.ts';

const EVALUATOR = 'bench-pages-evaluator';
const ADMIN = actingAs('bench');

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
}

/** Runs `work`, taking `expected` (a conflict with what the world has already) as done. */
async function unlessDone(work: () => Promise<unknown>, expected: new (...args: never[]) => Error) {
  try {
    await work();
  } catch (error) {
    if (!(error instanceof expected)) throw error;
  }
}

/** Makes (or finds) the write pages' subjects. */
export async function setUpWritePages(ctx: BenchContext): Promise<WritePagesWorld> {
  const { deps } = ctx;
  const { token } = await runInUnit(deps, async (unit) => {
    await ensureAgent(deps, { unit, agent: { id: EVALUATOR, displayName: 'Pages bench', kind: 'human' } });
    return issueToken(deps, { unit, caller: ADMIN, agentId: EVALUATOR, scopes: ['evaluate'] });
  });
  const caller = { agentId: EVALUATOR, scopes: ['evaluate' as const] };
  for (const lineage of FIXTURES.showcaseLineages) {
    await unlessDone(
      () =>
        runInUnit(deps, (unit) => openPromotionRequest(deps, { unit, caller, id: ids.version(lineage, 4) })),
      RequestExists,
    );
  }
  const reinstate = { artifactId: ids.dataset(FIXTURES.payout.evalDataset), version: 1 };
  await unlessDone(
    () =>
      runInUnit(deps, (unit) =>
        retractArtifact(deps, { ...reinstate, unit, caller, reason: 'pages bench', dryRun: false }),
      ),
    AlreadyRetracted,
  );
  const open = await listPromotionRequests(deps, { filter: { status: 'open' }, limit: 1 });
  const [newest] = open.requests;
  if (!newest) throw new Error('the pages bench found no open promotion request');
  return {
    cookie: `mg_token=${encodeURIComponent(token)}`,
    bearer: `Bearer ${token}`,
    requestId: newest.request.id,
    retract: { artifactId: ids.dataset(FIXTURES.payout.datasets[0]), version: 1 },
    reinstate,
  };
}
