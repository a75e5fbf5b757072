/**
 * Agents and tokens over HTTP (docs/api.md#authentication-and-scopes).
 */
import { presentBalance, presentWallet } from '../credit/credit.presenter.ts';
import { Wallet } from '../credit/credit.schemas.ts';
import { getBalance, getWallet } from '../credit/ledger.service.ts';
import type { App, RouteDeps } from '../http/route-deps.ts';
import { ErrorResponse, IdParams, writeErrors } from '../http/schemas.ts';
import { runInUnit } from '../unit-of-work.ts';
import { presentAgent } from './agent.presenter.ts';
import {
  AgentJson,
  AgentWithWallet,
  CreateAgentBody,
  CreateTokenBody,
  TokenResponse,
} from './agent.schemas.ts';
import { createAgent, getAgent, issueToken } from './agent.service.ts';

/** Registers `POST /api/agents`, `POST /api/agents/{id}/tokens`, `GET /api/agents/{id}` and its wallet. */
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
      const caller = await authenticate(request);
      const { id, display_name: displayName, kind } = request.body;
      const agent = await runInUnit(deps, (unit) =>
        createAgent(deps, { unit, caller, id, displayName, kind }),
      );
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
      const caller = await authenticate(request);
      const { scopes } = request.body;
      const token = await runInUnit(deps, (unit) =>
        issueToken(deps, { unit, caller, agentId: request.params.id, scopes }),
      );
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
      const agent = await getAgent(deps, request.params.id);
      const balanceMicro = await runInUnit(deps, (unit) => getBalance(deps, { unit, agentId: agent.id }));
      return { ...presentAgent(agent), wallet: presentBalance(balanceMicro) };
    },
  );

  app.get(
    '/api/agents/:id/wallet',
    {
      // Reading a balance settles its demurrage, which writes: never on the replica.
      config: { needsPrimary: true },
      schema: {
        tags: ['credit'],
        summary: "An agent's balance (demurrage applied as of now) and last 50 transfers",
        params: IdParams,
        response: { 200: Wallet, 404: ErrorResponse },
      },
    },
    async (request) => {
      const agent = await getAgent(deps, request.params.id);
      return presentWallet(await runInUnit(deps, (unit) => getWallet(deps, { unit, agentId: agent.id })));
    },
  );
}
