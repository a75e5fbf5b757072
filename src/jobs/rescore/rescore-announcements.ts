/**
 * What a rescore pass tells the world through the outbox: OpenLineage hears START when a pass takes
 * a promotion, then COMPLETE or FAIL; the subscribers hear `rescore_pass_completed` with the pass
 * summary and the edges it flagged (docs/integrations.md).
 */
import type { Tx } from '../../db/database.ts';
import type { Deps } from '../../deps.ts';
import { rescoreRun } from '../../formats/core/openlineage.ts';
import type { ModelVersion } from '../../registry/core/model.ts';
import { findModelVersion } from '../../registry/model.repository.ts';
import { publishEvent, publishLineage, sendsLineage } from '../../webhooks/outbox.service.ts';
import type { RescoreSummary } from './rescore.schemas.ts';

/** A pass that took a promotion tells OpenLineage its run started (with the child it runs). */
export async function announcePassStart(deps: Deps, passId: number, child: ModelVersion): Promise<void> {
  await deps.db.transaction((tx) =>
    publishLineage(tx, deps, {
      eventType: 'rescore_pass_started',
      run: rescoreRun({ passId, modelName: child.modelName, childVersion: child.versionNumber }),
      states: ['START'],
      at: deps.clock.now(),
    }),
  );
}

/**
 * A pass that worked on a promotion (`ok` or `failed`; a no-op took none) tells the subscribers —
 * its summary and up to `FLAGGED_IDS_SENT` of the edges it flagged — and OpenLineage, which hears
 * COMPLETE or FAIL for the run it heard START of.
 */
export async function announcePassEnd(
  tx: Tx,
  deps: Deps,
  passId: number,
  line: RescoreSummary,
  flaggedEdgeIds: string[],
): Promise<void> {
  if (line.child_id === null || (line.outcome !== 'ok' && line.outcome !== 'failed')) return;
  await publishEvent(tx, deps, {
    type: 'rescore_pass_completed',
    data: { ...line, flagged_edge_ids: flaggedEdgeIds.slice(0, FLAGGED_IDS_SENT) },
  });
  if (!sendsLineage(deps.config)) return;
  const child = await findModelVersion(tx, line.child_id);
  if (!child) return;
  await publishLineage(tx, deps, {
    eventType: 'rescore_pass_completed',
    run: rescoreRun({ passId, modelName: child.modelName, childVersion: child.versionNumber }),
    states: [line.outcome === 'ok' ? 'COMPLETE' : 'FAIL'],
    at: deps.clock.now(),
  });
}

/** The most flagged edge ids a `rescore_pass_completed` message carries. */
const FLAGGED_IDS_SENT = 1000;
