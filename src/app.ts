/**
 * `buildApp(deps)`: the Fastify application with every face's routes, the OpenAPI document and
 * the error formats, separate from `listen` so tests can `inject()` requests. The one place that
 * wires the features together.
 */

import helmet from '@fastify/helmet';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { type TypeBoxTypeProvider, TypeBoxValidatorCompiler } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyBaseLogger } from 'fastify';
import { registerAgentRoutes } from './agents/agent.routes.ts';
import { registerTokenRoutes } from './agents/token.routes.ts';
import { tokenLookup } from './agents/token.service.ts';
import { startTokenUsage } from './agents/token-usage.ts';
import { registerCreditRoutes } from './credit/credit.routes.ts';
import type { Store } from './db/database.ts';
import type { Deps } from './deps.ts';
import { InvalidRequest, NotFound } from './errors.ts';
import { registerEventRoutes } from './events/event.routes.ts';
import { registerFormatRoutes } from './formats/format.routes.ts';
import { registerPromotionRequestRoutes } from './governance/promotion-request.routes.ts';
import { bearerAuthenticator, bearerIdentifier } from './http/auth.ts';
import { handleError } from './http/error-handler.ts';
import { assertStorableValue, parseJsonBody } from './http/input-guard.ts';
import { routeReadsToReplica } from './http/read-routing.ts';
import { OneLinePerRequest } from './http/request-log.ts';
import { countRequests } from './http/request-metrics.ts';
import type { App, RouteDeps } from './http/route-deps.ts';
import { registerJobRoutes } from './jobs/job.routes.ts';
import { registerImpactPreviewRoutes } from './jobs/rescore/impact-preview.routes.ts';
import { registerEdgeRoutes } from './kg/edge.routes.ts';
import { registerKgxExportRoutes } from './kg/kgx-export.routes.ts';
import { registerNodeRoutes } from './kg/node.routes.ts';
import { registerMlflowRoutes } from './mlflow/mlflow.routes.ts';
import { registerOpsRoutes } from './ops/ops.routes.ts';
import { registerAgentPage } from './pages/agent/agent-page.routes.ts';
import { registerArtifactPage } from './pages/artifact/artifact-page.routes.ts';
import { registerCatalogPages } from './pages/catalog/catalog.routes.ts';
import { registerComparePage } from './pages/compare/compare.routes.ts';
import { registerEdgePage } from './pages/edge/edge-page.routes.ts';
import { registerEditForms } from './pages/edits/edits.routes.ts';
import { registerImpactPages } from './pages/impact/impact.routes.ts';
import { registerGraphPages } from './pages/kg/kg-pages.routes.ts';
import { registerLineagePage } from './pages/lineage/lineage.routes.ts';
import { registerModelActions } from './pages/model/model-actions.routes.ts';
import { registerModelPage } from './pages/model/model-page.routes.ts';
import { registerPromotionRequestPages } from './pages/promotion-requests/promotion-requests.routes.ts';
import { registerRetractionPages } from './pages/retraction/retraction.routes.ts';
import { registerReviewPages } from './pages/review/review.routes.ts';
import { DOCS_BACK_LINK_JS, DOCS_LOGO_SVG, SWAGGER_UI_STYLE_HASH } from './pages/shared/docs-logo.ts';
import { isPageUrl, sendBadRequestPage, sendNotFoundPage } from './pages/shared/page-reply.ts';
import { registerSharedPages } from './pages/shared/shared.routes.ts';
import { registerArtifactRoutes } from './registry/artifacts/artifact.routes.ts';
import { registerPolicyRoutes } from './registry/lineages/policy.routes.ts';
import { registerAliasRoutes } from './registry/models/alias.routes.ts';
import { registerLineageRoutes } from './registry/models/lineage.routes.ts';
import { registerModelRoutes } from './registry/models/model.routes.ts';
import { registerTagRoutes } from './registry/models/tag.routes.ts';
import { registerRetractionRoutes } from './retraction/retraction.routes.ts';
import { registerWebhookRoutes } from './webhooks/webhook.routes.ts';

export type { App } from './http/route-deps.ts';

/** What the app runs on: the deps and the store behind them (its replica and health). */
export type AppDeps = Deps & { readonly store: Store };

/** Builds the application; call `ready()` or `listen()` on the result. */
export async function buildApp(deps: AppDeps): Promise<App> {
  const app: App = Fastify({
    loggerInstance: deps.logger as FastifyBaseLogger,
    // One line per request, once answered (src/http/request-log.ts).
    logController: new OneLinePerRequest(),
    bodyLimit: deps.config.maxBodyBytes,
    // Every id the id pattern allows (128 characters), with room for `<model_name>@<alias>`.
    routerOptions: { maxParamLength: 512 },
    // A malformed percent-encoding in a path is the client's 400, in the format of the face it asked.
    frameworkErrors: (error, request, reply) =>
      isPageUrl(request.url)
        ? sendBadRequestPage(request, reply, error.message)
        : handleError(new InvalidRequest(`the URL cannot be decoded: ${error.message}`), request, reply),
    ajv: { customOptions: { removeAdditional: false, coerceTypes: 'array', useDefaults: true } },
  }).withTypeProvider<TypeBoxTypeProvider>();
  app.setErrorHandler(handleError);
  // The API reads JSON only: any other body is a 415 saying so (the pages add their form parser).
  app.removeContentTypeParser('text/plain');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) => {
    try {
      done(null, parseJsonBody(body as string));
    } catch (error) {
      done(error as Error, undefined);
    }
  });
  app.addHook('onRequest', async (request) => {
    assertStorableValue(request.params, 'the path');
    assertStorableValue(request.query, 'the query string');
  });
  // ajv's coerceTypes suits query strings (text by nature) but would turn a JSON body's "0.5" into 0.5
  // and a version 0 into null: bodies are checked as sent, by TypeBox's own compiler.
  app.addHook('onRoute', (route) => {
    if (route.schema?.body && !route.validatorCompiler) route.validatorCompiler = TypeBoxValidatorCompiler;
  });
  countRequests(app, deps.metrics);
  if (deps.store.replica) {
    routeReadsToReplica(app, {
      replica: deps.store.replica,
      logger: deps.logger,
      readYourWritesSeconds: deps.config.readYourWritesSeconds,
    });
  }
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
  // Security headers on every response (docs/security.md#pages): a CSP with no inline script and no framing,
  // nosniff, same-origin referrers. HSTS is left to the TLS terminator in front (docs/security.md).
  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        frameAncestors: ["'none'"],
        formAction: ["'self'"],
        upgradeInsecureRequests: null,
      },
    },
    referrerPolicy: { policy: 'same-origin' },
    strictTransportSecurity: false,
  });
  // The API documentation page carries swagger-ui's own CSP for its scripts, with our framing rule
  // and without upgrade-insecure-requests (which would break it on plain-HTTP deployments).
  // Its logo is the way back to the pages (swagger-ui links it nowhere: a small script of ours does). swagger-ui sets one fixed inline style from its script;
  // that style alone is allowed by its hash ('unsafe-hashes'), not every inline style.
  await app.register(swaggerUi, {
    routePrefix: '/docs',
    staticCSP: true,
    logo: { type: 'image/svg+xml', content: DOCS_LOGO_SVG },
    theme: { title: 'API docs · modelgraph', js: [{ filename: 'back-link.js', content: DOCS_BACK_LINK_JS }] },
    transformStaticCSP: (header) =>
      header
        .replace(/upgrade-insecure-requests;?/, '')
        .replace("frame-ancestors 'self'", "frame-ancestors 'none'")
        .replace("style-src 'self'", `style-src 'self' 'unsafe-hashes' '${SWAGGER_UI_STYLE_HASH}'`),
  });
  app.get('/openapi.json', { schema: { hide: true } }, () => app.swagger());
  // Token uses are written after the requests, once a minute; the last ones when the app closes,
  // before the store does.
  const tokenUsage = startTokenUsage(deps);
  app.addHook('onClose', () => tokenUsage.stop());
  const findCaller = tokenLookup(deps, tokenUsage);
  const routeDeps: RouteDeps & { store: Store } = {
    ...deps,
    authenticate: bearerAuthenticator(findCaller),
    identify: bearerIdentifier(findCaller),
  };
  for (const register of [
    registerOpsRoutes,
    registerAgentRoutes,
    registerTokenRoutes,
    registerArtifactRoutes,
    registerRetractionRoutes,
    registerModelRoutes,
    registerLineageRoutes,
    registerPolicyRoutes,
    registerAliasRoutes,
    registerTagRoutes,
    registerFormatRoutes,
    registerImpactPreviewRoutes,
    registerPromotionRequestRoutes,
    registerEdgeRoutes,
    registerNodeRoutes,
    registerKgxExportRoutes,
    registerEventRoutes,
    registerJobRoutes,
    registerCreditRoutes,
    registerMlflowRoutes,
    registerWebhookRoutes,
    registerSharedPages,
    registerCatalogPages,
    registerComparePage,
    registerModelPage,
    registerLineagePage,
    registerReviewPages,
    registerEdgePage,
    registerArtifactPage,
    registerAgentPage,
    registerGraphPages,
    registerImpactPages,
    registerEditForms,
    registerModelActions,
    registerPromotionRequestPages,
    registerRetractionPages,
  ]) {
    register(app, routeDeps);
  }
  return app;
}
