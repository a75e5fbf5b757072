/**
 * Lineages over HTTP (docs/api.md#lineages-aliases-tags-and-maintainers): the list, one lineage with its
 * versions, its description, its timeline, and who maintains it (a maintainer or `admin` adds and removes
 * maintainers; one always stays).
 */
import { nextCursorOf, pageStartOf } from '../../http/cursor.ts';
import type { App, RouteDeps } from '../../http/route-deps.ts';
import { ErrorResponse, writeErrors } from '../../http/schemas.ts';
import { parseFilter } from '../../search/core/filter-parser.ts';
import { runInUnit } from '../../unit-of-work.ts';
import { readAsOf } from '../core/as-of.ts';
import { parseTagFilters } from '../core/lineage.ts';
import { addMaintainer, removeMaintainer, setDescription } from '../lineages/lineage.service.ts';
import { getLineageAsOf, getTimeline } from './history.service.ts';
import { presentLineage, presentLineageDetail, presentTimelineEntry } from './lineage.presenter.ts';
import {
  LineageDetailJson,
  LineageListJson,
  LineageParams,
  LineageQuery,
  ListLineagesQuery,
  MaintainerParams,
  MaintainersJson,
  PatchLineageBody,
  TimelineJson,
  TimelineQuery,
} from './lineage.schemas.ts';
import { getLineage, listLineages } from './lineage-read.service.ts';
import { decodeTimelineCursor, encodeTimelineCursor } from './timeline-cursor.ts';

/** The sort lineage cursors are bound to. */
const LINEAGE_SORT = 'updated_at:desc';
/** Registers the lineage routes. */
export function registerLineageRoutes(app: App, deps: RouteDeps) {
  const tags = ['lineages'];
  app.get(
    '/api/lineages',
    {
      schema: {
        tags,
        summary: 'List lineages, newest change first, with a name search, tag filters and a filter',
        querystring: ListLineagesQuery,
        response: { 200: LineageListJson, 400: ErrorResponse },
      },
    },
    async (request) => {
      const { q, tag, filter, limit, offset } = request.query;
      const start = pageStartOf(request.query, LINEAGE_SORT);
      const where = { q, tags: parseTagFilters(tag), expression: parseFilter(filter) };
      const page = await listLineages(deps, { filter: where, start, limit });
      return {
        lineages: page.lineages.map(presentLineage),
        total: page.total,
        limit,
        offset: offset ?? 0,
        next_cursor: nextCursorOf(LINEAGE_SORT, page.next, filter),
      };
    },
  );

  app.get(
    '/api/lineages/:model_name',
    {
      schema: {
        tags,
        summary: 'One lineage with its versions, oldest first',
        params: LineageParams,
        querystring: LineageQuery,
        response: { 200: LineageDetailJson, 400: ErrorResponse, 404: ErrorResponse },
      },
    },
    async (request) => {
      const modelName = request.params.model_name;
      if (request.query.as_of === undefined) return presentLineageDetail(await getLineage(deps, modelName));
      const asOf = readAsOf(request.query.as_of);
      return presentLineageDetail(await getLineageAsOf(deps, modelName, asOf), asOf);
    },
  );

  app.get(
    '/api/lineages/:model_name/timeline',
    {
      schema: {
        tags,
        summary:
          'What happened to the lineage, newest first: registrations, promotions, supersessions, archives, alias and policy changes, decided requests',
        params: LineageParams,
        querystring: TimelineQuery,
        response: { 200: TimelineJson, 400: ErrorResponse, 404: ErrorResponse },
      },
    },
    async (request) => {
      const { limit, cursor } = request.query;
      const after = cursor === undefined ? undefined : decodeTimelineCursor(cursor);
      const page = await getTimeline(deps, request.params.model_name, { after, limit });
      return {
        entries: page.entries.map(presentTimelineEntry),
        next_cursor: encodeTimelineCursor(page.next),
      };
    },
  );

  app.patch(
    '/api/lineages/:model_name',
    {
      schema: {
        tags,
        summary: "Set the lineage's Markdown description (a maintainer or admin)",
        security: [{ bearer: [] }],
        params: LineageParams,
        body: PatchLineageBody,
        response: { 200: LineageDetailJson, 404: ErrorResponse, ...writeErrors },
      },
    },
    async (request) => {
      const caller = await deps.authenticate(request);
      const modelName = request.params.model_name;
      const { description } = request.body;
      await runInUnit(deps, (unit) => setDescription(deps, { unit, caller, modelName, description }));
      return presentLineageDetail(await getLineage(deps, modelName));
    },
  );

  const schema = { tags, security: [{ bearer: [] }], params: MaintainerParams };
  app.put(
    '/api/lineages/:model_name/maintainers/:agent_id',
    {
      schema: {
        ...schema,
        summary: 'Make an agent a maintainer of the lineage (a maintainer or admin)',
        response: { 200: MaintainersJson, 404: ErrorResponse, ...writeErrors },
      },
    },
    async (request) => {
      const caller = await deps.authenticate(request);
      const { model_name: modelName, agent_id: agentId } = request.params;
      const maintainers = await runInUnit(deps, (unit) =>
        addMaintainer(deps, { unit, caller, modelName, agentId }),
      );
      return { model_name: modelName, maintainers };
    },
  );

  app.delete(
    '/api/lineages/:model_name/maintainers/:agent_id',
    {
      schema: {
        ...schema,
        summary: 'Remove a maintainer of the lineage (a maintainer or admin); the last one stays',
        response: { 204: { type: 'null' }, 404: ErrorResponse, ...writeErrors },
      },
    },
    async (request, reply) => {
      const caller = await deps.authenticate(request);
      const { model_name: modelName, agent_id: agentId } = request.params;
      await runInUnit(deps, (unit) => removeMaintainer(deps, { unit, caller, modelName, agentId }));
      return reply.status(204).send(null);
    },
  );
}
