/**
 * Agents and tokens over HTTP (SPEC §2 Auth).
 */
import { Type } from 'typebox';
import { loadBalance } from '../credit/credit.query.ts';
import { creditDepsOf } from '../credit/credit.routes.ts';
import { toCredits } from '../credit/money.ts';
import { AlreadyExists, NotFound } from '../errors.ts';
import type { App, RouteDeps } from '../http/app.ts';
import { ErrorResponse, Id, IdParams, writeErrors } from '../http/schemas.ts';
import { type AgentRow, findAgentById, insertAgent, insertToken } from './agent.repository.ts';
import { generateToken, hashToken, SCOPES } from './token.ts';

const Agent = Type.Object({
  id: Type.String(),
  display_name: Type.String(),
  kind: Type.String(),
  created_at: Type.String(),
});

const AgentWithWallet = Type.Intersect([
  Agent,
  Type.Object({ wallet: Type.Object({ balance: Type.Number(), balance_micro: Type.Integer() }) }),
]);

const CreateAgentBody = Type.Object(
  {
    id: Id,
    display_name: Type.String({ minLength: 1, maxLength: 200 }),
    kind: Type.Union([Type.Literal('human'), Type.Literal('ai')]),
  },
  { additionalProperties: false },
);

const CreateTokenBody = Type.Object(
  {
    scopes: Type.Array(Type.Enum(SCOPES), {
      minItems: 1,
      uniqueItems: true,
    }),
  },
  { additionalProperties: false },
);

/** The public JSON form of an agent. */
export function presentAgent(row: AgentRow) {
  return {
    id: row.id,
    display_name: row.displayName,
    kind: row.kind,
    created_at: row.createdAt.toISOString(),
  };
}

/** Registers `POST /api/agents`, `POST /api/agents/{id}/tokens` and `GET /api/agents/{id}`. */
export function registerAgentRoutes(app: App, deps: RouteDeps) {
  const { db, authenticate } = deps;
  const credit = creditDepsOf(deps);
  app.post(
    '/api/agents',
    {
      schema: {
        tags: ['agents'],
        summary: 'Create an agent (admin)',
        security: [{ bearer: [] }],
        body: CreateAgentBody,
        response: { 201: Agent, ...writeErrors },
      },
    },
    async (request, reply) => {
      await authenticate(request, 'admin');
      const { id, display_name, kind } = request.body;
      const row = await insertAgent(db, { id, displayName: display_name, kind });
      if (!row) throw new AlreadyExists(`agent '${id}' already exists`);
      return reply.status(201).send(presentAgent(row));
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
        response: { 201: Type.Object({ token: Type.String() }), 404: ErrorResponse, ...writeErrors },
      },
    },
    async (request, reply) => {
      await authenticate(request, 'admin');
      const agent = await findAgentById(db, request.params.id);
      if (!agent) throw new NotFound(`agent '${request.params.id}' does not exist`);
      const token = generateToken();
      await insertToken(db, { tokenHash: hashToken(token), agentId: agent.id, scopes: request.body.scopes });
      return reply.status(201).send({ token });
    },
  );

  app.get(
    '/api/agents/:id',
    {
      schema: {
        tags: ['agents'],
        summary: 'One agent with its wallet balance (demurrage applied as of now)',
        params: IdParams,
        response: { 200: AgentWithWallet, 404: ErrorResponse },
      },
    },
    async (request) => {
      const agent = await findAgentById(db, request.params.id);
      if (!agent) throw new NotFound(`agent '${request.params.id}' does not exist`);
      const balanceMicro = await loadBalance(credit, agent.id);
      return {
        ...presentAgent(agent),
        wallet: { balance: toCredits(balanceMicro), balance_micro: balanceMicro },
      };
    },
  );
}
