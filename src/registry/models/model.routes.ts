/**
 * Model versions over HTTP (docs/api.md#models): register, list, detail, compare, promote, patch.
 * Each handler validates (schema), authorizes, calls one command and presents its result.
 */

import type { Caller } from '../../caller.ts';
import type { Unit } from '../../deps.ts';
import { presentEvent } from '../../events/event.presenter.ts';
import { nextCursorOf } from '../../http/cursor.ts';
import type { App, RouteDeps } from '../../http/route-deps.ts';
import { ErrorResponse, IdParams, writeErrors } from '../../http/schemas.ts';
import { runInUnit } from '../../unit-of-work.ts';
import { readAsOf } from '../core/as-of.ts';
import { CompareQuery, CompareResponse } from './compare.schemas.ts';
import { resolveVersionRefAsOf } from './history.service.ts';
import { ModelAsOfQuery } from './lineage.schemas.ts';
import { presentComparison, presentModelDetail, presentModelPage } from './model.presenter.ts';
import {
  catalogQueryOf,
  ListModelsQuery,
  ModelDetail,
  ModelListResponse,
  PatchModelBody,
  PromoteBody,
  PromoteResponse,
  RegisterModelBody,
  type RegisterModelRequest,
} from './model.schemas.ts';
import type { RegisterModelProps } from './model.service.ts';
import { assertValidRuntime, registerModel, updateModelEvaluation } from './model.service.ts';
import { archiveModelVersion } from './model-edit.service.ts';
import { compareModelVersions, getModelDetail, listModels, parseCompareIds } from './model-read.service.ts';
import { promoteModel } from './promotion.service.ts';

/** A `POST /api/models` body as the registration command's props. */
function registrationOf(body: RegisterModelRequest, unit: Unit, caller: Caller): RegisterModelProps {
  const pin = (id: string, version: number | null | undefined) => ({ id, version: version ?? null });
  return {
    unit,
    caller,
    id: body.id,
    modelName: body.model_name,
    title: body.title,
    modelFamily: body.model_family,
    architecture: body.architecture,
    parameters: body.parameters,
    parameterCount: body.parameter_count,
    trainingConfig: body.training_config,
    evaluationMetrics: body.evaluation_metrics,
    rawQualityScore: body.raw_quality_score,
    trainedBy: body.trained_by,
    evalDatasetId: body.eval_dataset_id,
    benchmarkId: body.benchmark_id,
    runtime: body.runtime,
    trainedOn: body.trained_on?.map((dataset) => pin(dataset.dataset_id, dataset.version)),
    producedBy: body.produced_by?.analysis_id,
    testsHypothesis: body.tests_hypothesis?.hypothesis_id,
    inputs: body.inputs?.map((input) => pin(input.artifact_id, input.version)),
    metadata: body.metadata,
  };
}

/** Registers the model routes. */
export function registerModelRoutes(app: App, deps: RouteDeps) {
  const { authenticate } = deps;
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
      // The runtime is a union of kinds: checked first, so the 400 names the field of the kind sent.
      preValidation: async (request) =>
        assertValidRuntime((request.body as { runtime?: unknown } | null)?.runtime),
    },
    async (request, reply) => {
      const caller = await authenticate(request);
      const id = await runInUnit(deps, (unit) =>
        registerModel(deps, registrationOf(request.body, unit, caller)),
      );
      return reply.status(201).send(presentModelDetail(await getModelDetail(deps, id, caller)));
    },
  );

  app.get(
    '/api/models',
    {
      schema: {
        tags,
        summary: 'List model versions with filters (a search-language filter among them), sorts and pages',
        querystring: ListModelsQuery,
        response: { 200: ModelListResponse, 400: ErrorResponse },
      },
    },
    async (request) => {
      const { sort, props } = catalogQueryOf(request.query);
      const page = await listModels(deps, props);
      const { limit, offset } = request.query;
      const nextCursor = nextCursorOf(sort, page.next, request.query.filter);
      return presentModelPage(page, { limit, offset, nextCursor });
    },
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
    async (request) =>
      presentComparison(await compareModelVersions(deps, parseCompareIds(request.query.ids))),
  );

  app.get(
    '/api/models/:id',
    {
      schema: {
        tags,
        summary:
          'Everything about one model version (`<model_name>@<alias>` as the alias stands, or stood `as_of`)',
        params: IdParams,
        querystring: ModelAsOfQuery,
        response: { 200: ModelDetail, 400: ErrorResponse, 404: ErrorResponse },
      },
    },
    async (request) => {
      const caller = await deps.identify(request);
      const { as_of } = request.query;
      const id =
        as_of === undefined
          ? request.params.id
          : await resolveVersionRefAsOf(deps, request.params.id, readAsOf(as_of));
      return presentModelDetail(await getModelDetail(deps, id, caller));
    },
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
      // Every field is optional, so a bare POST (no body at all) is a promotion without notes; a
      // body of `null` is still a body that is not an object (400).
      preValidation: async (request) => {
        if (request.body === undefined) request.body = {};
      },
    },
    async (request) => {
      const caller = await authenticate(request);
      const { id } = request.params;
      const { notes, override, reason } = request.body;
      const event = await runInUnit(deps, (unit) =>
        promoteModel(deps, { unit, caller, id, notes, override, reason }),
      );
      const detail = await getModelDetail(deps, event.targetArtifactId, caller);
      return { model: presentModelDetail(detail), event: presentEvent(event) };
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
      const caller = await authenticate(request);
      const { raw_quality_score, evaluation_metrics, status } = request.body;
      const id = await runInUnit(deps, async (unit) => {
        const ref = { unit, caller, id: request.params.id };
        const updated = await updateModelEvaluation(deps, {
          ...ref,
          rawQualityScore: raw_quality_score,
          evaluationMetrics: evaluation_metrics,
        });
        return status === 'archived' ? archiveModelVersion(deps, { ...ref, removeAliases: false }) : updated;
      });
      return presentModelDetail(await getModelDetail(deps, id, caller));
    },
  );
}
