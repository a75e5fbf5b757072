/**
 * An agent's tokens over HTTP (docs/api.md#authentication-and-scopes): issue (admin), list and
 * revoke (admin, or the agent itself).
 */
import type { App, RouteDeps } from '../http/route-deps.ts';
import { ErrorResponse, IdParams, writeErrors } from '../http/schemas.ts';
import { runInUnit } from '../unit-of-work.ts';
import { presentToken } from './agent.presenter.ts';
import { CreateTokenBody, RevokedToken, TokenList, TokenParams, TokenResponse } from './agent.schemas.ts';
import { issueToken, listTokens, revokeToken } from './token.service.ts';

/** Registers `POST` and `GET /api/agents/{id}/tokens` and `DELETE /api/agents/{id}/tokens/{token_id}`. */
export function registerTokenRoutes(app: App, deps: RouteDeps) {
  const { authenticate } = deps;
  app.post(
    '/api/agents/:id/tokens',
    {
      schema: {
        tags: ['agents'],
        summary: 'Issue a token for an agent (admin); the token is shown once',
        security: [{ bearer: [] }],
        params: IdParams,
        body: CreateTokenBody,
        response: { 201: TokenResponse, 404: ErrorResponse, ...writeErrors },
      },
    },
    async (request, reply) => {
      const caller = await authenticate(request);
      const { scopes, expires_in_days: expiresInDays, label } = request.body;
      const { token, record } = await runInUnit(deps, (unit) =>
        issueToken(deps, { unit, caller, agentId: request.params.id, scopes, expiresInDays, label }),
      );
      const { token_id, label: shownLabel, expires_at } = presentToken(record);
      return reply
        .status(201)
        .send({ token, token_id, scopes: record.scopes, label: shownLabel, expires_at });
    },
  );

  app.get(
    '/api/agents/:id/tokens',
    {
      schema: {
        tags: ['agents'],
        summary:
          "An agent's tokens, revoked and expired ones included (admin, or the agent itself); never a secret",
        security: [{ bearer: [] }],
        params: IdParams,
        response: { 200: TokenList, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse },
      },
    },
    async (request) => {
      const caller = await authenticate(request);
      const records = await listTokens(deps, { caller, agentId: request.params.id });
      return { tokens: records.map(presentToken) };
    },
  );

  app.delete(
    '/api/agents/:id/tokens/:token_id',
    {
      schema: {
        tags: ['agents'],
        summary:
          'Revoke a token (admin, or the agent itself); revoking it again answers the first revocation',
        security: [{ bearer: [] }],
        params: TokenParams,
        response: { 200: RevokedToken, 404: ErrorResponse, ...writeErrors },
      },
    },
    async (request) => {
      const caller = await authenticate(request);
      const { id: agentId, token_id: tokenId } = request.params;
      const record = await runInUnit(deps, (unit) => revokeToken(deps, { unit, caller, agentId, tokenId }));
      return { token_id: record.id, revoked_at: (record.revokedAt as Date).toISOString() };
    },
  );
}
