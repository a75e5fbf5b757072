/**
 * Promotion requests over HTTP (docs/api.md#governed-promotion): open one for a version, list and read
 * them, approve, reject and withdraw. Each write runs in one unit of work with the command it calls,
 * and answers the request as it stands afterwards.
 */
import { decodeCursor, nextCursorOf } from '../http/cursor.ts';
import type { App, RouteDeps } from '../http/route-deps.ts';
import { ErrorResponse, IdParams, writeErrors } from '../http/schemas.ts';
import { runInUnit } from '../unit-of-work.ts';
import { parseRequestId } from './core/request.ts';
import { presentRequest } from './promotion-request.presenter.ts';
import {
  ApproveBody,
  ListRequestsQuery,
  OpenRequestBody,
  PromotionRequestJson,
  RejectBody,
  RequestListJson,
  RequestParams,
} from './promotion-request.schemas.ts';
import {
  getPromotionRequest,
  listPromotionRequests,
  openPromotionRequest,
} from './promotion-request.service.ts';
import {
  approvePromotionRequest,
  type DecideProps,
  rejectPromotionRequest,
  withdrawPromotionRequest,
} from './request-decision.service.ts';

/** The order request cursors are bound to. */
const REQUEST_SORT = 'created_at:desc';

// Every body field is optional on these, so a bare POST is an empty body; a JSON `null` is still a 400.
const emptyBodyIsEmptyObject = async (request: { body: unknown }) => {
  if (request.body === undefined) request.body = {};
};

/** Registers the promotion request routes. */
export function registerPromotionRequestRoutes(app: App, deps: RouteDeps) {
  const tags = ['promotion requests'];
  const security = [{ bearer: [] }];
  const answer = async (id: number) => presentRequest(await getPromotionRequest(deps, id));

  app.post(
    '/api/models/:id/promotion-requests',
    {
      schema: {
        tags,
        summary:
          'Request the promotion of this version of a governed lineage (scope evaluate, or a maintainer)',
        security,
        params: IdParams,
        body: OpenRequestBody,
        response: { 201: PromotionRequestJson, 404: ErrorResponse, ...writeErrors },
      },
      preValidation: emptyBodyIsEmptyObject,
    },
    async (request, reply) => {
      const caller = await deps.authenticate(request);
      const { note } = request.body;
      const id = await runInUnit(deps, (unit) =>
        openPromotionRequest(deps, { unit, caller, id: request.params.id, note }),
      );
      return reply.status(201).send(await answer(id));
    },
  );

  app.get(
    '/api/promotion-requests',
    {
      schema: {
        tags,
        summary: 'Promotion requests, newest first, by status and lineage',
        querystring: ListRequestsQuery,
        response: { 200: RequestListJson, 400: ErrorResponse },
      },
    },
    async (request) => {
      const { status, model_name: modelName, limit, cursor } = request.query;
      const after = cursor === undefined ? undefined : decodeCursor(cursor, REQUEST_SORT);
      const page = await listPromotionRequests(deps, { filter: { status, modelName }, after, limit });
      return {
        requests: page.requests.map(presentRequest),
        next_cursor: nextCursorOf(REQUEST_SORT, page.next),
      };
    },
  );

  app.get(
    '/api/promotion-requests/:id',
    {
      schema: {
        tags,
        summary: 'One promotion request with its approvals, rejections and checks',
        params: RequestParams,
        response: { 200: PromotionRequestJson, 404: ErrorResponse },
      },
    },
    async (request) => answer(parseRequestId(request.params.id)),
  );

  const decisions: [
    string,
    string,
    typeof ApproveBody | typeof RejectBody,
    (deps: RouteDeps, props: DecideProps) => Promise<unknown>,
  ][] = [
    [
      'approve',
      'Approve the request (scope evaluate; not its requester, nor a contributor the policy excludes): the approval that completes it promotes the version',
      ApproveBody,
      approvePromotionRequest,
    ],
    [
      'reject',
      'Reject the request, saying why (scope evaluate; the same eligibility as approving)',
      RejectBody,
      rejectPromotionRequest,
    ],
    ['withdraw', 'Withdraw the request (its requester or admin)', ApproveBody, withdrawPromotionRequest],
  ];
  for (const [action, summary, body, decide] of decisions) {
    app.post(
      `/api/promotion-requests/:id/${action}`,
      {
        schema: {
          tags,
          summary,
          security,
          params: RequestParams,
          body,
          response: { 200: PromotionRequestJson, 404: ErrorResponse, ...writeErrors },
        },
        preValidation: emptyBodyIsEmptyObject,
      },
      async (request) => {
        const caller = await deps.authenticate(request);
        const requestId = parseRequestId(request.params.id);
        const { comment } = request.body as { comment?: string };
        await runInUnit(deps, (unit) => decide(deps, { unit, caller, requestId, comment }));
        return answer(requestId);
      },
    );
  }
}
