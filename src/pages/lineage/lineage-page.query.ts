/**
 * What the lineage page reads: the lineage resource and a page of its timeline, as the API
 * presents the lineage and pages its timeline (`timelineCursor`: the API's cursor, from the page's
 * "Older entries" link).
 */
import type { Deps } from '../../deps.ts';
import { getTimeline } from '../../registry/models/history.service.ts';
import { presentLineageDetail } from '../../registry/models/lineage.presenter.ts';
import { getLineage } from '../../registry/models/lineage-read.service.ts';
import { decodeTimelineCursor, encodeTimelineCursor } from '../../registry/models/timeline-cursor.ts';

/** How many timeline entries a page shows. */
export const TIMELINE_PAGE_SIZE = 30;

/** The lineage and a page of its timeline (the newest without a cursor); 404 for an unknown lineage. */
export async function loadLineagePage(deps: Pick<Deps, 'db'>, modelName: string, timelineCursor?: string) {
  // A bad cursor is a 400 before anything is read.
  const after = timelineCursor === undefined ? undefined : decodeTimelineCursor(timelineCursor);
  const [lineage, timeline] = await Promise.all([
    getLineage(deps, modelName),
    getTimeline(deps, modelName, { after, limit: TIMELINE_PAGE_SIZE }),
  ]);
  return {
    lineage: presentLineageDetail(lineage),
    protectedAliases: lineage.lineage.protectedAliases ?? [],
    timeline: timeline.entries,
    olderTimeline: encodeTimelineCursor(timeline.next),
    timelinePaged: after !== undefined,
  };
}
