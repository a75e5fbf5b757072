/**
 * The types every route module is written against: the Fastify instance with the TypeBox type
 * provider, and what `buildApp` hands each module.
 */
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import type { Deps } from '../deps.ts';
import type { Authenticate, Identify } from './auth.ts';

/** The Fastify instance with the TypeBox type provider. */
export type App = FastifyInstance<
  Server,
  IncomingMessage,
  ServerResponse,
  FastifyBaseLogger,
  TypeBoxTypeProvider
>;

/** What every route module receives besides the app. */
export interface RouteDeps extends Deps {
  authenticate: Authenticate;
  identify: Identify;
}
