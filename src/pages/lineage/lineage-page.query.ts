/**
 * What the lineage page reads: the lineage resource and the newest entries of its timeline, as
 * the API presents the lineage.
 */
import type { Deps } from '../../deps.ts';
import { getTimeline } from '../../registry/models/history.service.ts';
import { presentLineageDetail } from '../../registry/models/lineage.presenter.ts';
import { getLineage } from '../../registry/models/lineage-read.service.ts';

/** How many timeline entries the page shows; the API's paginated timeline has the rest. */
export const TIMELINE_PAGE_SIZE = 30;

/** The lineage and its newest timeline entries; 404 for an unknown lineage. */
export async function loadLineagePage(deps: Pick<Deps, 'db'>, modelName: string) {
  const [lineage, timeline] = await Promise.all([
    getLineage(deps, modelName),
    getTimeline(deps, modelName, { limit: TIMELINE_PAGE_SIZE }),
  ]);
  return {
    lineage: presentLineageDetail(lineage),
    timeline: timeline.entries,
    hasMoreTimeline: timeline.next !== null,
  };
}
