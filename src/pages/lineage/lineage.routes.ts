/**
 * The lineage page (`/lineages/{model_name}`) and its alias forms
 * (`POST /lineages/{model_name}/aliases`, `POST /lineages/{model_name}/aliases/{alias}/remove`),
 * which call the alias commands of the API's `PUT` and `DELETE /api/lineages/{model_name}/aliases/{alias}`
 * as the agent signed in through the session cookie.
 */
import { Type } from 'typebox';
import { InvalidRequest } from '../../errors.ts';
import type { App, RouteDeps } from '../../http/route-deps.ts';
import { INT4_MAX } from '../../http/schemas.ts';
import { removeAlias, setAlias } from '../../registry/models/alias.service.ts';
import { AliasParams, LineageParams } from '../../registry/models/lineage.schemas.ts';
import { runInUnit } from '../../unit-of-work.ts';
import { actionErrorHandler, redirectDone } from '../shared/action-reply.ts';
import { registerPageScope, sendPage } from '../shared/page-reply.ts';
import { findSignedIn, requireSignedIn } from '../shared/session.ts';
import { renderLineagePage } from './lineage.view.ts';
import { loadLineagePage } from './lineage-page.query.ts';

const LineagePageQuery = Type.Object(
  {
    done: Type.Optional(Type.String({ maxLength: 50 })),
    // The timeline page to show: the cursor of the "Older entries" link (the API's timeline cursor).
    timeline_cursor: Type.Optional(Type.String({ minLength: 1, maxLength: 500 })),
  },
  { additionalProperties: false },
);

// Forms send text: the version number arrives as digits.
const AliasForm = Type.Object(
  {
    alias: Type.String({ minLength: 1, maxLength: 64 }),
    version: Type.String({ pattern: '^[1-9][0-9]{0,9}$' }),
  },
  { additionalProperties: false },
);

const lineagePath = (modelName: string) => `/lineages/${encodeURIComponent(modelName)}`;

/** Registers `GET /lineages/{model_name}` and its alias forms. */
export function registerLineagePage(app: App, deps: RouteDeps): void {
  registerPageScope(
    app,
    (pages) => {
      pages.get(
        '/lineages/:model_name',
        { schema: { hide: true, params: LineageParams, querystring: LineagePageQuery } },
        async (request, reply) => {
          const [page, caller] = await Promise.all([
            loadLineagePage(deps, request.params.model_name, request.query.timeline_cursor),
            findSignedIn(deps.authenticate, request),
          ]);
          return sendPage(
            reply,
            renderLineagePage(page.lineage, { ...page, caller, done: request.query.done }),
          );
        },
      );

      pages.post(
        '/lineages/:model_name/aliases',
        { schema: { hide: true, params: LineageParams, body: AliasForm } },
        async (request, reply) => {
          const caller = await requireSignedIn(deps.authenticate, request, 'set an alias');
          const modelName = request.params.model_name;
          const { alias } = request.body;
          const versionNumber = Number(request.body.version);
          if (versionNumber > INT4_MAX) throw new InvalidRequest(`version ${versionNumber} is out of range`);
          await runInUnit(deps, (unit) => setAlias(deps, { unit, caller, modelName, alias, versionNumber }));
          return redirectDone(reply, `${lineagePath(modelName)}#h-aliases`, 'alias_set');
        },
      );

      pages.post(
        '/lineages/:model_name/aliases/:alias/remove',
        { schema: { hide: true, params: AliasParams } },
        async (request, reply) => {
          const caller = await requireSignedIn(deps.authenticate, request, 'remove an alias');
          const { model_name: modelName, alias } = request.params;
          await runInUnit(deps, (unit) => removeAlias(deps, { unit, caller, modelName, alias }));
          return redirectDone(reply, `${lineagePath(modelName)}#h-aliases`, 'alias_removed');
        },
      );
    },
    actionErrorHandler((request) => {
      const modelName = (request.params as { model_name?: string } | undefined)?.model_name;
      return modelName
        ? { href: lineagePath(modelName), label: 'Back to the lineage' }
        : { href: '/models', label: 'Back to the model catalog' };
    }),
  );
}
