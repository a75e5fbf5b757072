/**
 * "Before you promote" with the demo's own numbers, over HTTP as the README's walk-through does it:
 * on a fresh copy of the demo's story (`before-you-promote-copy.ts`: microglia v2 promoted with its
 * 40 edges, v3 the candidate, as a lineage of its own named with a run suffix), an evaluator
 * previews the candidate, promotes it, an admin runs the rescore pass, and the pass is checked
 * against the preview — the histogram, the flagged edges, the 20 largest changes edge by edge (old
 * and new confidence, delta, bucket), each of their confidences after the pass, and the payout line
 * by line — then one flagged edge's page is read as of before and after. The demo itself is never
 * changed, so the script runs again on the same server. It prints the run's numbers as JSON, or
 * one line saying what failed (exit 1).
 *
 *   node --import tsx scripts/before-you-promote.ts --url http://127.0.0.1:8080 \
 *     --token <evaluator token> --admin-token <admin token>
 *
 * `test/demo/before-you-promote.test.ts` runs it on both stores, twice on the same server.
 */
import { AssertionError } from 'node:assert';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { copyDemoStory, DEMO_CANDIDATE, DEMO_PARENT } from './before-you-promote-copy.ts';
import { request, WalkThroughError } from './before-you-promote-http.ts';

export { DEMO_CANDIDATE, DEMO_PARENT };

/** Where the server is, and who does what: an evaluator previews and promotes, an admin runs the pass. */
export interface WalkThroughOptions {
  baseUrl: string;
  evaluatorToken: string;
  adminToken: string;
}

/** One line of the payout, as the report shows it. */
export interface PaidLine {
  agent_id: string;
  role: string;
  amount: number;
  capped_by?: string;
}

interface Change {
  edge_id: string;
  old_confidence: number;
  new_confidence: number;
  delta: number;
  bucket: string;
}

const call = (options: WalkThroughOptions, method: string, path: string, token?: string, body?: unknown) =>
  request(options, method, path, token, body);

const json = async (...args: Parameters<typeof call>) => JSON.parse(await call(...args));

/** The changes the pass made, from its `model_rescore` events, largest first as the preview orders them. */
async function passChanges(options: WalkThroughOptions, parentId: string): Promise<Change[]> {
  const page = await json(options, 'GET', '/api/events?type=model_rescore&limit=200');
  return page.events
    .filter(
      (event: { detection_metadata: { parent_id: string } }) =>
        event.detection_metadata.parent_id === parentId,
    )
    .map((event: { target_artifact_id: string; detection_metadata: Omit<Change, 'edge_id'> }) => ({
      edge_id: event.target_artifact_id,
      old_confidence: event.detection_metadata.old_confidence,
      new_confidence: event.detection_metadata.new_confidence,
      delta: event.detection_metadata.delta,
      bucket: event.detection_metadata.bucket,
    }))
    .sort(
      (a: Change, b: Change) => Math.abs(b.delta) - Math.abs(a.delta) || (a.edge_id < b.edge_id ? -1 : 1),
    );
}

/** The confidence the edge page shows as of a moment (or now). */
async function pageConfidence(options: WalkThroughOptions, edgeId: string, asOf: string): Promise<string> {
  const page = await call(options, 'GET', `/kg/edges/${edgeId}?as_of=${encodeURIComponent(asOf)}`);
  const match = /<strong data-as-of-confidence>([0-9.]+)<\/strong>/.exec(page);
  assert.ok(match, `the edge page of ${edgeId} shows no confidence as of ${asOf}`);
  return match[1];
}

/** A pass re-scores the oldest promotion waiting: promotions made before ours take a pass each first. */
const MAX_PASSES = 10;

/** Runs rescore passes until one re-scores `candidate`'s promotion; throws saying why when none does. */
async function passFor(options: WalkThroughOptions, candidate: string) {
  for (let attempt = 0; attempt < MAX_PASSES; attempt++) {
    const pass = await json(options, 'POST', '/api/jobs/rescore', options.adminToken, {});
    if (pass.outcome !== 'ok') {
      throw new WalkThroughError(
        `the rescore pass did not run (${pass.outcome}: ${pass.reason}): a server allows one pass per MODELGRAPH_RESCORE_WINDOW_HOURS; start it with a short window (0.000001) to run the walk-through again at once`,
      );
    }
    if (pass.child_id === candidate) return pass;
  }
  throw new WalkThroughError(`${MAX_PASSES} rescore passes re-scored other promotions before ${candidate}'s`);
}

/** Runs the walk-through on a fresh copy and returns its numbers; throws on the first disagreement. */
export async function walkThrough(options: WalkThroughOptions) {
  const copy = await copyDemoStory(options, randomBytes(4).toString('hex'));
  const candidate = copy.candidateId;
  const preview = await json(
    options,
    'POST',
    `/api/models/${candidate}/impact-preview`,
    options.evaluatorToken,
    {},
  );
  const { event } = await json(
    options,
    'POST',
    `/api/models/${candidate}/promote`,
    options.evaluatorToken,
    {},
  );
  const pass = await passFor(options, candidate);
  assert.equal(pass.parent_id, preview.parent_id, 'the pass re-scored the edges the preview did');
  assert.deepEqual(pass.histogram, preview.histogram, 'the pass has the preview’s histogram');

  const changes = await passChanges(options, preview.parent_id);
  assert.deepEqual(
    changes.slice(0, preview.largest_changes.length),
    preview.largest_changes.map(withoutStatement),
  );
  const flagged = changes
    .filter((change) => change.bucket === 'large_decrease')
    .map((change) => change.edge_id);
  assert.deepEqual(
    flagged.sort(),
    preview.would_flag.edge_ids,
    'the pass flags the edges the preview said it would',
  );
  for (const change of preview.largest_changes as Change[]) {
    const edge = await json(options, 'GET', `/api/kg/edges/${change.edge_id}`);
    assert.equal(
      edge.confidence,
      change.new_confidence,
      `${change.edge_id} has the preview’s new confidence`,
    );
    assert.equal(edge.source_artifact_id, candidate);
  }
  const paid = await json(options, 'GET', `/api/credit/payouts?event_id=${event.id}`);
  assert.deepEqual(paid.payouts, preview.payout_preview.payouts, 'the payout pays what the preview showed');

  const sample = preview.would_flag.edge_ids[0];
  const sampleChange = changes.find((change) => change.edge_id === sample) as Change;
  const before = await pageConfidence(options, sample, event.created_at);
  const after = await pageConfidence(options, sample, new Date().toISOString());
  assert.equal(
    before,
    sampleChange.old_confidence.toFixed(3),
    'the edge page as of before shows the old confidence',
  );
  assert.equal(after, sampleChange.new_confidence.toFixed(3), 'and as of after, the new one');
  return {
    copied_from: { parent: DEMO_PARENT, candidate: DEMO_CANDIDATE },
    child_id: preview.child_id,
    parent_id: preview.parent_id,
    edges_total: preview.edges_total,
    edges_considered: preview.edges_considered,
    histogram: preview.histogram,
    would_flag: preview.would_flag,
    payouts: (paid.payouts as PaidLine[]).map(
      (line): PaidLine => ({
        agent_id: line.agent_id,
        role: line.role,
        amount: line.amount,
        ...(line.capped_by ? { capped_by: line.capped_by } : {}),
      }),
    ),
    withheld: paid.withheld,
    edge_page: { edge_id: sample, as_of_before: before, as_of_after: after },
    pass_matches_preview: true,
  };
}

function withoutStatement(
  change: Change & { subject?: string; predicate?: string; object?: string },
): Change {
  const { edge_id, old_confidence, new_confidence, delta, bucket } = change;
  return { edge_id, old_confidence, new_confidence, delta, bucket };
}

/** The one line a failed run prints: what failed, never a stack. */
function describe(error: unknown): string {
  if (error instanceof WalkThroughError) return error.message;
  if (error instanceof AssertionError)
    return `the pass disagrees with the preview: ${error.message.split('\n')[0]}`;
  return (error as Error).message ?? String(error);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const usage = 'usage: before-you-promote.ts --url URL --token EVALUATOR_TOKEN --admin-token ADMIN_TOKEN';
  let values: { url: string; token?: string; 'admin-token'?: string };
  try {
    ({ values } = parseArgs({
      options: {
        url: { type: 'string', default: 'http://127.0.0.1:8080' },
        token: { type: 'string' },
        'admin-token': { type: 'string' },
      },
    }));
  } catch (error) {
    console.error(`before-you-promote: ${(error as Error).message.split('.')[0]}\n${usage}`);
    process.exit(2);
  }
  if (!values.token || !values['admin-token']) {
    console.error(`before-you-promote: --token and --admin-token are needed\n${usage}`);
    process.exit(2);
  }
  try {
    const report = await walkThrough({
      baseUrl: values.url.replace(/\/+$/, ''),
      evaluatorToken: values.token,
      adminToken: values['admin-token'],
    });
    console.log(JSON.stringify(report, null, 2));
  } catch (error) {
    console.error(`before-you-promote: ${describe(error)}`);
    process.exit(1);
  }
}
