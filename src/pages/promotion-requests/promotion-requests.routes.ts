/**
 * The promotion request pages: `GET /promotion-requests` (open requests unless another status is
 * asked), `GET /promotion-requests/{id}`, and its decision forms
 * (`POST /promotion-requests/{id}/approve`, `/reject`, `/withdraw`), which call the commands of the
 * API's routes of the same names, in one unit of work, as the agent signed in through the session
 * cookie, then come back to the request's page.
 */
import { Type } from 'typebox';
import { parseRequestId, REQUEST_STATUSES } from '../../governance/core/request.ts';
import {
  approvePromotionRequest,
  type DecideProps,
  rejectPromotionRequest,
  withdrawPromotionRequest,
} from '../../governance/request-decision.service.ts';
import { decodeCursor, nextCursorOf } from '../../http/cursor.ts';
import type { App, RouteDeps } from '../../http/route-deps.ts';
import { runInUnit } from '../../unit-of-work.ts';
import { actionErrorHandler, redirectDone } from '../shared/action-reply.ts';
import { dropEmptyParameters, registerPageScope, sendPage } from '../shared/page-reply.ts';
import { findSignedIn, requireSignedIn } from '../shared/session.ts';
import { loadRequestList, loadRequestPage } from './promotion-request.query.ts';
import { renderRequestPage } from './request.view.ts';
import { renderRequestListPage, requestListUrl } from './request-list.view.ts';

/** The order the list's cursors are bound to (the API's). */
const REQUEST_SORT = 'created_at:desc';
const PAGE_SIZE = 50;

const ListQuery = Type.Object(
  {
    status: Type.Enum(REQUEST_STATUSES, { default: 'open' }),
    model_name: Type.Optional(Type.String({ minLength: 1, maxLength: 128 })),
    cursor: Type.Optional(Type.String({ minLength: 1, maxLength: 500 })),
  },
  { additionalProperties: false },
);
const RequestPageParams = Type.Object(
  { id: Type.String({ maxLength: 64 }) },
  { additionalProperties: false },
);
const RequestPageQuery = Type.Object(
  { done: Type.Optional(Type.String({ maxLength: 50 })) },
  { additionalProperties: false },
);
const CommentForm = Type.Object(
  { comment: Type.Optional(Type.String({ maxLength: 2000 })) },
  { additionalProperties: false },
);
/** A rejection says why, as the API's. */
const RejectForm = Type.Object(
  { comment: Type.String({ minLength: 1, maxLength: 2000 }) },
  { additionalProperties: false },
);

const DECISIONS: [
  string,
  typeof CommentForm | typeof RejectForm,
  (deps: RouteDeps, props: DecideProps) => Promise<unknown>,
  string,
  string,
][] = [
  ['approve', CommentForm, approvePromotionRequest, 'approve a promotion request', 'request_approved'],
  ['reject', RejectForm, rejectPromotionRequest, 'reject a promotion request', 'request_rejected'],
  ['withdraw', CommentForm, withdrawPromotionRequest, 'withdraw a promotion request', 'request_withdrawn'],
];

/** Registers the promotion request pages and their forms. */
export function registerPromotionRequestPages(app: App, deps: RouteDeps): void {
  registerPageScope(
    app,
    (pages) => {
      pages.get(
        '/promotion-requests',
        { schema: { hide: true, querystring: ListQuery }, preValidation: dropEmptyParameters },
        async (request, reply) => {
          const { status, model_name: modelName, cursor } = request.query;
          const after = cursor === undefined ? undefined : decodeCursor(cursor, REQUEST_SORT);
          const [page, caller] = await Promise.all([
            loadRequestList(deps, { status, modelName, after, limit: PAGE_SIZE }),
            findSignedIn(deps.authenticate, request),
          ]);
          const next = nextCursorOf(REQUEST_SORT, page.next);
          const nextUrl = next === null ? undefined : requestListUrl(status, modelName, next);
          const { requests } = page;
          return sendPage(reply, renderRequestListPage({ requests, status, modelName, nextUrl, caller }));
        },
      );

      pages.get(
        '/promotion-requests/:id',
        { schema: { hide: true, params: RequestPageParams, querystring: RequestPageQuery } },
        async (request, reply) => {
          const [data, caller] = await Promise.all([
            loadRequestPage(deps, parseRequestId(request.params.id)),
            findSignedIn(deps.authenticate, request),
          ]);
          return sendPage(reply, renderRequestPage(data, caller, request.query.done));
        },
      );

      for (const [action, body, decide, what, done] of DECISIONS) {
        pages.post(
          `/promotion-requests/:id/${action}`,
          { schema: { hide: true, params: RequestPageParams, body } },
          async (request, reply) => {
            const caller = await requireSignedIn(deps.authenticate, request, what);
            const requestId = parseRequestId(request.params.id);
            // An empty comment field is no comment.
            const comment = (request.body as { comment?: string }).comment || undefined;
            await runInUnit(deps, (unit) => decide(deps, { unit, caller, requestId, comment }));
            return redirectDone(reply, `/promotion-requests/${requestId}`, done);
          },
        );
      }
    },
    actionErrorHandler((request) => {
      const id = (request.params as { id?: string } | undefined)?.id;
      return id && /^[1-9][0-9]{0,14}$/.test(id)
        ? { href: `/promotion-requests/${id}`, label: 'Back to the request' }
        : { href: '/promotion-requests', label: 'Back to the promotion requests' };
    }),
  );
}
