/**
 * Model versions over HTTP (SPEC §2 Models): register, list, detail, compare, promote, patch.
 */
import { assertScope } from '../agents/token.ts';
import { creditDepsOf } from '../credit/credit.routes.ts';
import { payPromotion } from '../credit/payout.service.ts';
import type { Db } from '../db/database.ts';
import { InvalidRequest } from '../errors.ts';
import { presentEvent } from '../events/event.repository.ts';
import type { App, RouteDeps } from '../http/app.ts';
import { decodeCursor, encodeCursor, type PageStart } from '../http/cursor.ts';
import { ErrorResponse, IdParams, writeErrors } from '../http/schemas.ts';
import { compareModelVersions } from './compare.service.ts';
import { loadModelDetail, loadModelItems } from './model.query.ts';
import {
  CompareQuery,
  CompareResponse,
  ListModelsQuery,
  type ListModelsRequest,
  ModelDetail,
  ModelListResponse,
  PatchModelBody,
  PromoteBody,
  PromoteResponse,
  RegisterModelBody,
} from './model.schemas.ts';
import { patchModel, promoteModel, registerModel } from './model.service.ts';
import { countModels, findModelPage, type ModelListFilter } from './model-list.repository.ts';

/** Runs the catalog query: one page of list items, the total, and the next keyset cursor. */
export async function listModels(db: Db, query: ListModelsRequest) {
  if (query.cursor !== undefined && query.offset !== undefined) {
    throw new InvalidRequest('cursor and offset cannot be used together');
  }
  const filter: ModelListFilter = {
    family: query.family,
    dataset: query.dataset,
    hypothesis: query.hypothesis,
    status: query.status,
    allVersions: query.all_versions,
    q: query.q,
    sort: query.sort,
    order: query.order,
  };
  const sortKey = `${query.sort}:${query.order}`;
  const start: PageStart = query.cursor
    ? { after: decodeCursor(query.cursor, sortKey) }
    : { offset: query.offset ?? 0 };
  const [page, total] = await Promise.all([
    findModelPage(db, filter, start, query.limit),
    countModels(db, filter),
  ]);
  const rows = page.slice(0, query.limit);
  const last = rows.at(-1);
  return {
    models: await loadModelItems(
      db,
      rows.map((row) => row.id),
    ),
    total,
    limit: query.limit,
    offset: query.offset ?? 0,
    next_cursor:
      page.length > query.limit && last
        ? encodeCursor({ sort: sortKey, value: last.sort_key, id: last.id })
        : null,
  };
}

/** Registers the model routes. */
export function registerModelRoutes(app: App, deps: RouteDeps) {
  const { db, config, authenticate } = deps;
  const credit = creditDepsOf(deps);
  const security = [{ bearer: [] }];
  const tags = ['models'];

  app.post(
    '/api/models',
    {
      schema: {
        tags,
        summary: 'Register the next version of a model lineage, with its provenance links',
        security,
        body: RegisterModelBody,
        response: { 201: ModelDetail, ...writeErrors },
      },
    },
    async (request, reply) => {
      const caller = await authenticate(request, 'write');
      const trainedBy = request.body.trained_by ?? caller.agentId;
      if (trainedBy !== caller.agentId) assertScope(caller, 'admin');
      const id = await db.transaction((tx) =>
        registerModel(tx, {
          request: request.body,
          createdBy: caller.agentId,
          trainedBy,
          qualityCap: config.qualityCap,
        }),
      );
      return reply.status(201).send(await loadModelDetail(db, id));
    },
  );

  app.get(
    '/api/models',
    {
      schema: {
        tags,
        summary: 'List model versions with filters, sorts and pages',
        querystring: ListModelsQuery,
        response: { 200: ModelListResponse, 400: ErrorResponse },
      },
    },
    (request) => listModels(db, request.query),
  );

  app.get(
    '/api/models/compare',
    {
      schema: {
        tags,
        summary: 'Compare 2 to 50 model versions side by side',
        querystring: CompareQuery,
        response: { 200: CompareResponse, 400: ErrorResponse, 404: ErrorResponse },
      },
    },
    (request) => compareModelVersions(db, request.query.ids),
  );

  app.get(
    '/api/models/:id',
    {
      schema: {
        tags,
        summary: 'Everything about one model version',
        params: IdParams,
        response: { 200: ModelDetail, 404: ErrorResponse },
      },
    },
    (request) => loadModelDetail(db, request.params.id),
  );

  app.post(
    '/api/models/:id/promote',
    {
      schema: {
        tags,
        summary: "Make this version its lineage's promoted one (scope evaluate)",
        security,
        params: IdParams,
        body: PromoteBody,
        response: { 200: PromoteResponse, 404: ErrorResponse, ...writeErrors },
      },
      // Every field is optional, so a bare POST (no body at all) is a promotion without notes.
      preValidation: async (request) => {
        request.body ??= {};
      },
    },
    async (request) => {
      const caller = await authenticate(request, 'evaluate');
      const event = await db.transaction((tx) =>
        promoteModel(tx, { id: request.params.id, actor: caller.agentId, notes: request.body.notes }),
      );
      // After commit: a payout failure is logged and retried by the daily job, never undoes the promotion.
      await payPromotion(credit, event.id).catch((error) =>
        request.log.error({ err: error, event_id: event.id }, 'payout after promotion failed'),
      );
      return { model: await loadModelDetail(db, request.params.id), event: presentEvent(event) };
    },
  );

  app.patch(
    '/api/models/:id',
    {
      schema: {
        tags,
        summary: 'Set the raw quality score or metrics, or archive a version (scope evaluate)',
        security,
        params: IdParams,
        body: PatchModelBody,
        response: { 200: ModelDetail, 404: ErrorResponse, ...writeErrors },
      },
    },
    async (request) => {
      await authenticate(request, 'evaluate');
      const { raw_quality_score, evaluation_metrics, status } = request.body;
      await db.transaction((tx) =>
        patchModel(tx, {
          id: request.params.id,
          rawQualityScore: raw_quality_score,
          evaluationMetrics: evaluation_metrics,
          archive: status === 'archived',
          qualityCap: config.qualityCap,
        }),
      );
      return loadModelDetail(db, request.params.id);
    },
  );
}
