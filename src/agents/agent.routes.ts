/**
 * Agents and tokens over HTTP (docs/api.md#authentication-and-scopes).
 */
import { presentBalance } from '../credit/credit.presenter.ts';
import type { App, RouteDeps } from '../http/route-deps.ts';
import { ErrorResponse, IdParams, writeErrors } from '../http/schemas.ts';
import { presentAgent } from './agent.presenter.ts';
import {
  AgentJson,
  AgentWithWallet,
  CreateAgentBody,
  CreateTokenBody,
  TokenResponse,
} from './agent.schemas.ts';
import { createAgent, getAgentWithBalance, issueToken } from './agent.service.ts';

/** Registers `POST /api/agents`, `POST /api/agents/{id}/tokens` and `GET /api/agents/{id}`. */
export function registerAgentRoutes(app: App, deps: RouteDeps) {
  const { authenticate } = deps;
  app.post(
    '/api/agents',
    {
      schema: {
        tags: ['agents'],
        summary: 'Create an agent (admin)',
        security: [{ bearer: [] }],
        body: CreateAgentBody,
        response: { 201: AgentJson, ...writeErrors },
      },
    },
    async (request, reply) => {
      await authenticate(request, 'admin');
      const { id, display_name, kind } = request.body;
      const agent = await createAgent(deps, { id, displayName: display_name, kind });
      return reply.status(201).send(presentAgent(agent));
    },
  );

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
      await authenticate(request, 'admin');
      const token = await issueToken(deps, { agentId: request.params.id, scopes: request.body.scopes });
      return reply.status(201).send({ token });
    },
  );

  app.get(
    '/api/agents/:id',
    {
      // Reading a balance settles its demurrage, which writes: never on the replica.
      config: { needsPrimary: true },
      schema: {
        tags: ['agents'],
        summary: 'One agent with its wallet balance (demurrage applied as of now)',
        params: IdParams,
        response: { 200: AgentWithWallet, 404: ErrorResponse },
      },
    },
    async (request) => {
      const { agent, balanceMicro } = await getAgentWithBalance(deps, request.params.id);
      return { ...presentAgent(agent), wallet: presentBalance(balanceMicro) };
    },
  );
}
