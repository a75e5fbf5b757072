/**
 * `buildApp(deps)`: the Fastify application with every route, the OpenAPI document and the error
 * format, separate from `listen` so tests can `inject()` requests.
 */

import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { type TypeBoxTypeProvider, TypeBoxValidatorCompiler } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { registerAgentRoutes } from '../agents/agent.routes.ts';
import type { Clock } from '../clock.ts';
import type { Config } from '../config.ts';
import { registerCreditRoutes } from '../credit/credit.routes.ts';
import type { Db } from '../db/database.ts';
import { registerEventRoutes } from '../events/event.routes.ts';
import { registerJobRoutes } from '../jobs/job.routes.ts';
import { registerEdgeRoutes } from '../kg/edge.routes.ts';
import type { Logger } from '../logger.ts';
import { isPageUrl, registerPageRoutes, sendNotFoundPage } from '../pages/page.routes.ts';
import { registerArtifactRoutes } from '../registry/artifact.routes.ts';
import { registerModelRoutes } from '../registry/model.routes.ts';
import { type Authenticate, createAuthenticator } from './auth.ts';
import { handleError } from './error-handler.ts';

/** What the app runs on. */
export interface AppDeps {
  db: Db;
  config: Config;
  logger: Logger;
  /** The clock demurrage reads (the system clock unless a test moves time). */
  clock?: Clock;
}

/** What every route module receives besides the app. */
export interface RouteDeps extends AppDeps {
  authenticate: Authenticate;
}

/** The Fastify instance with the TypeBox type provider. */
export type App = FastifyInstance<
  Server,
  IncomingMessage,
  ServerResponse,
  FastifyBaseLogger,
  TypeBoxTypeProvider
>;

/** Builds the application; call `ready()` or `listen()` on the result. */
export async function buildApp(deps: AppDeps): Promise<App> {
  const app: App = Fastify({
    loggerInstance: deps.logger as FastifyBaseLogger,
    bodyLimit: deps.config.maxBodyBytes,
    ajv: { customOptions: { removeAdditional: false, coerceTypes: 'array', useDefaults: true } },
  }).withTypeProvider<TypeBoxTypeProvider>();
  app.setErrorHandler(handleError);
  // ajv's coerceTypes suits query strings (text by nature) but would turn a JSON body's "0.5" into 0.5
  // and a version 0 into null: bodies are checked as sent, by TypeBox's own compiler.
  app.addHook('onRoute', (route) => {
    if (route.schema?.body && !route.validatorCompiler) route.validatorCompiler = TypeBoxValidatorCompiler;
  });
  app.setNotFoundHandler((request, reply) =>
    isPageUrl(request.url)
      ? sendNotFoundPage(request, reply)
      : reply
          .status(404)
          .send({ error: { code: 'not_found', message: `no route for ${request.method} ${request.url}` } }),
  );
  await app.register(swagger, {
    openapi: {
      info: {
        title: 'modelgraph',
        version: '0.1.0',
        description: 'A provenance-first model registry for scientific discovery.',
      },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
    },
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });
  app.get('/openapi.json', { schema: { hide: true } }, () => app.swagger());
  const routeDeps: RouteDeps = {
    ...deps,
    authenticate: createAuthenticator(deps.db, deps.config.adminToken),
  };
  registerAgentRoutes(app, routeDeps);
  registerArtifactRoutes(app, routeDeps);
  registerModelRoutes(app, routeDeps);
  registerEdgeRoutes(app, routeDeps);
  registerEventRoutes(app, routeDeps);
  registerJobRoutes(app, routeDeps);
  registerCreditRoutes(app, routeDeps);
  registerPageRoutes(app, routeDeps);
  return app;
}
