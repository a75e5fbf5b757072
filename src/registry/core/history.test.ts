import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import {
  compareKeysDesc,
  entriesOfEvent,
  type HistoryEvent,
  replayStatuses,
  type TimelineEntry,
  timelinePage,
} from './history.ts';

describe('statuses replayed from promotions and archives', () => {
  it('supersedes the promoted version on each promotion, a rollback included', () => {
    const { statuses, promotedId } = replayStatuses(
      ['v1', 'v2', 'v3'],
      [
        { targetId: 'v1', type: 'model_version_promoted' },
        { targetId: 'v2', type: 'model_version_promoted' },
        { targetId: 'v1', type: 'model_version_promoted' },
        { targetId: 'v3', type: 'model_version_archived' },
      ],
    );
    assert.deepEqual(Object.fromEntries(statuses), { v1: 'promoted', v2: 'superseded', v3: 'archived' });
    assert.equal(promotedId, 'v1');
  });

  it('leaves no promoted version once a retirement archives it, and ignores versions not yet registered', () => {
    const { statuses, promotedId } = replayStatuses(
      ['v1'],
      [
        { targetId: 'v1', type: 'model_version_promoted' },
        { targetId: 'v2', type: 'model_version_promoted' },
        { targetId: 'v1', type: 'model_version_archived' },
      ],
    );
    assert.deepEqual(Object.fromEntries(statuses), { v1: 'archived' });
    assert.equal(promotedId, null);
  });
});

describe('timeline entries', () => {
  const event = (overrides: Partial<HistoryEvent>): HistoryEvent => ({
    id: 7,
    eventType: 'model_version_promoted',
    targetId: 'm-v2',
    actor: 'ana',
    metadata: {},
    at: '2026-06-01T12:00:00.000001Z',
    ...overrides,
  });

  it('makes a promotion with a parent two entries: promoted from it, and it superseded', () => {
    const entries = entriesOfEvent(
      event({ metadata: { parent_id: 'm-v1', child_id: 'm-v2', request_id: 3, approved_by: ['ben'] } }),
    );
    assert.deepEqual(
      entries.map(({ kind, versionId, from, to, requestId, key }) => ({
        kind,
        versionId,
        from,
        to,
        requestId,
        sub: key.sub,
      })),
      [
        { kind: 'promoted', versionId: 'm-v2', from: 'm-v1', to: undefined, requestId: 3, sub: 1 },
        { kind: 'superseded', versionId: 'm-v1', from: undefined, to: 'm-v2', requestId: 3, sub: 0 },
      ],
    );
    assert.deepEqual(
      entriesOfEvent(event({ metadata: { parent_id: null, override: true, reason: 'urgent' } })).map((e) => [
        e.kind,
        e.reason,
      ]),
      [['promoted', 'urgent']],
    );
  });

  it('leaves out events that are not part of a lineage history', () => {
    assert.deepEqual(entriesOfEvent(event({ eventType: 'credit_payout' })), []);
  });
});

describe('timeline pages', () => {
  const entry = (at: number, seq: number, sub: number): TimelineEntry => ({
    key: { at: `2026-06-01T12:00:00.${String(at).padStart(6, '0')}Z`, seq, sub },
    kind: 'registered',
    versionId: null,
    actor: 'a',
  });

  it('pages newest first with no entry repeated or skipped, whatever the page size', () => {
    const keys = fc.uniqueArray(fc.tuple(fc.nat({ max: 5 }), fc.nat({ max: 5 }), fc.nat({ max: 1 })), {
      selector: (key) => key.join(),
      maxLength: 30,
    });
    fc.assert(
      fc.property(keys, fc.integer({ min: 1, max: 7 }), (raw, limit) => {
        const all = raw.map(([at, seq, sub]) => entry(at, seq, sub));
        const sorted = [...all].sort((a, b) => compareKeysDesc(a.key, b.key));
        const pages: TimelineEntry[] = [];
        let after: TimelineEntry['key'] | undefined;
        for (let guard = 0; guard <= all.length; guard++) {
          const page = timelinePage(all, after, limit);
          pages.push(...page.entries);
          if (!page.hasMore) break;
          after = page.entries.at(-1)?.key;
        }
        assert.deepEqual(pages, sorted);
      }),
    );
  });
});
