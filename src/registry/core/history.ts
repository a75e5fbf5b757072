/**
 * A lineage's history (docs/concepts.md#history) from its append-only records: the statuses its
 * versions had at a moment, replayed from the promotions and archives logged up to then, and its
 * timeline — registrations, promotions with the supersessions they caused, archives, alias changes,
 * policy changes and decided promotion requests — newest first. Pure.
 */

/** The statuses of a lineage's versions at a moment, and its promoted version then. */
export interface StatusesAsOf {
  statuses: Map<string, 'candidate' | 'promoted' | 'superseded' | 'archived'>;
  promotedId: string | null;
}

/** A promotion or an archive, in the order it was logged. */
export interface StatusChange {
  targetId: string;
  type: 'model_version_promoted' | 'model_version_archived';
}

/**
 * Replays the status changes of the versions that existed, exactly as the commands made them: a
 * promotion supersedes the promoted version; an archive (retiring a lineage archives its promoted
 * version too) leaves the lineage without one when it archives that version.
 */
export function replayStatuses(
  versionIds: readonly string[],
  changes: readonly StatusChange[],
): StatusesAsOf {
  const statuses: StatusesAsOf['statuses'] = new Map(versionIds.map((id) => [id, 'candidate']));
  let promotedId: string | null = null;
  for (const change of changes) {
    if (!statuses.has(change.targetId)) continue;
    if (change.type === 'model_version_archived') {
      statuses.set(change.targetId, 'archived');
      if (promotedId === change.targetId) promotedId = null;
      continue;
    }
    if (promotedId !== null) statuses.set(promotedId, 'superseded');
    statuses.set(change.targetId, 'promoted');
    promotedId = change.targetId;
  }
  return { statuses, promotedId };
}

/** The kinds of timeline entries. */
export const TIMELINE_KINDS = [
  'registered',
  'promoted',
  'superseded',
  'archived',
  'alias_set',
  'alias_removed',
  'policy_set',
  'request_decided',
] as const;

/** Where an entry sorts: its moment (UTC, microseconds), the event it came from (0: a registration) and its place in it. */
export interface TimelineKey {
  at: string;
  seq: number;
  sub: number;
}

/** One entry of a lineage's timeline. */
export interface TimelineEntry {
  key: TimelineKey;
  kind: (typeof TIMELINE_KINDS)[number];
  versionId: string | null;
  actor: string;
  alias?: string;
  from?: string | null;
  to?: string | null;
  reason?: string;
  requestId?: number;
}

/** An events-log entry of the lineage's history, with its moment as UTC text with microseconds. */
export interface HistoryEvent {
  id: number;
  eventType: string;
  targetId: string;
  actor: string;
  metadata: Record<string, unknown>;
  at: string;
}

/** The event types a lineage's timeline is made of. */
export const HISTORY_EVENT_TYPES = [
  'model_version_promoted',
  'model_version_archived',
  'model_alias_set',
  'model_alias_deleted',
  'promotion_policy_set',
  'promotion_request_decided',
] as const;

const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);
const textOrNull = (value: unknown): string | null => text(value) ?? null;

/** The entries one event stands for: a promotion also says which version it superseded. */
export function entriesOfEvent(event: HistoryEvent): TimelineEntry[] {
  const { metadata: m, actor } = event;
  const key = (sub: number): TimelineKey => ({ at: event.at, seq: event.id, sub });
  const requestId = typeof m.request_id === 'number' ? { requestId: m.request_id } : {};
  switch (event.eventType) {
    case 'model_version_promoted': {
      const parent = textOrNull(m.parent_id);
      const reason = text(m.reason) === undefined ? {} : { reason: text(m.reason) };
      const promoted: TimelineEntry = {
        key: key(1),
        kind: 'promoted',
        versionId: event.targetId,
        actor,
        from: parent,
        ...reason,
        ...requestId,
      };
      if (parent === null) return [promoted];
      return [
        promoted,
        { key: key(0), kind: 'superseded', versionId: parent, actor, to: event.targetId, ...requestId },
      ];
    }
    case 'model_version_archived':
      return [{ key: key(0), kind: 'archived', versionId: event.targetId, actor }];
    case 'model_alias_set':
    case 'model_alias_deleted':
      return [
        {
          key: key(0),
          kind: event.eventType === 'model_alias_set' ? 'alias_set' : 'alias_removed',
          versionId: event.targetId,
          actor,
          alias: text(m.alias),
          from: textOrNull(m.from),
          to: textOrNull(m.to),
        },
      ];
    case 'promotion_policy_set':
      return [{ key: key(0), kind: 'policy_set', versionId: null, actor }];
    case 'promotion_request_decided': {
      const comment = text(m.comment);
      return [
        {
          key: key(0),
          kind: 'request_decided',
          versionId: event.targetId,
          actor,
          ...requestId,
          ...(comment === undefined ? {} : { reason: comment }),
        },
      ];
    }
    default:
      return [];
  }
}

/** Orders keys newest first: by moment, then event, then place in the event. */
export function compareKeysDesc(a: TimelineKey, b: TimelineKey): number {
  if (a.at !== b.at) return a.at < b.at ? 1 : -1;
  if (a.seq !== b.seq) return b.seq - a.seq;
  return b.sub - a.sub;
}

/**
 * A page of the timeline from its two sources, each read newest first past the cursor: the entries
 * strictly after `after` (older than it), newest first, at most `limit`, and whether more follow.
 */
export function timelinePage(
  sources: TimelineEntry[],
  after: TimelineKey | undefined,
  limit: number,
): { entries: TimelineEntry[]; hasMore: boolean } {
  const older = after ? sources.filter((entry) => compareKeysDesc(entry.key, after) > 0) : sources;
  const sorted = [...older].sort((a, b) => compareKeysDesc(a.key, b.key));
  return { entries: sorted.slice(0, limit), hasMore: sorted.length > limit };
}
