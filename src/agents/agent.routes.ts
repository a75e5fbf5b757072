/**
 * Agents over HTTP (docs/api.md#authentication-and-scopes); their tokens are `token.routes.ts`'s.
 */
import { presentBalance, presentWallet } from '../credit/credit.presenter.ts';
import { Wallet } from '../credit/credit.schemas.ts';
import { getBalance, getWallet } from '../credit/ledger.service.ts';
import type { App, RouteDeps } from '../http/route-deps.ts';
import { ErrorResponse, IdParams, writeErrors } from '../http/schemas.ts';
import { runInUnit } from '../unit-of-work.ts';
import { presentAgent } from './agent.presenter.ts';
import { AgentJson, AgentWithWallet, CreateAgentBody, UpdateAgentBody } from './agent.schemas.ts';
import { createAgent, getAgent, updateAgent } from './agent.service.ts';

/** Registers `POST /api/agents`, `PATCH /api/agents/{id}`, `GET /api/agents/{id}` and its wallet. */
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

  app.patch(
    '/api/agents/:id',
    {
      schema: {
        tags: ['agents'],
        summary: 'Rename, deactivate or reactivate an agent (admin); an inactive agent keeps its data',
        security: [{ bearer: [] }],
        params: IdParams,
        body: UpdateAgentBody,
        response: { 200: AgentJson, 404: ErrorResponse, ...writeErrors },
      },
    },
    async (request) => {
      const caller = await authenticate(request);
      const { active: isActive, display_name: displayName } = request.body;
      const agent = await runInUnit(deps, (unit) =>
        updateAgent(deps, { unit, caller, agentId: request.params.id, isActive, displayName }),
      );
      return presentAgent(agent);
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
