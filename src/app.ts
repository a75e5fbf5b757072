/**
 * `buildApp(deps)`: the Fastify application with every face's routes, the OpenAPI document and
 * the error formats, separate from `listen` so tests can `inject()` requests. The one place that
 * wires the features together.
 */
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { type TypeBoxTypeProvider, TypeBoxValidatorCompiler } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyBaseLogger } from 'fastify';
import { registerAgentRoutes } from './agents/agent.routes.ts';
import { tokenLookup } from './agents/agent.service.ts';
import { registerCreditRoutes } from './credit/credit.routes.ts';
import type { Deps } from './deps.ts';
import { NotFound } from './errors.ts';
import { registerEventRoutes } from './events/event.routes.ts';
import { bearerAuthenticator } from './http/auth.ts';
import { handleError } from './http/error-handler.ts';
import type { App, RouteDeps } from './http/route-deps.ts';
import { registerJobRoutes } from './jobs/job.routes.ts';
import { registerEdgeRoutes } from './kg/edge.routes.ts';
import { registerCatalogPages } from './pages/catalog/catalog.routes.ts';
import { registerComparePage } from './pages/compare/compare.routes.ts';
import { registerModelPage } from './pages/model/model-page.routes.ts';
import { registerReviewPages } from './pages/review/review.routes.ts';
import { isPageUrl, sendNotFoundPage } from './pages/shared/page-reply.ts';
import { registerSharedPages } from './pages/shared/shared.routes.ts';
import { registerArtifactRoutes } from './registry/artifact.routes.ts';
import { registerModelRoutes } from './registry/model.routes.ts';

export type { App } from './http/route-deps.ts';

/** Builds the application; call `ready()` or `listen()` on the result. */
export async function buildApp(deps: Deps): Promise<App> {
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
      : handleError(new NotFound(`no route for ${request.method} ${request.url}`), request, reply),
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
  const routeDeps: RouteDeps = { ...deps, authenticate: bearerAuthenticator(tokenLookup(deps)) };
  for (const register of [
    registerAgentRoutes,
    registerArtifactRoutes,
    registerModelRoutes,
    registerEdgeRoutes,
    registerEventRoutes,
    registerJobRoutes,
    registerCreditRoutes,
    registerSharedPages,
    registerCatalogPages,
    registerComparePage,
    registerModelPage,
    registerReviewPages,
  ]) {
    register(app, routeDeps);
  }
  return app;
}
