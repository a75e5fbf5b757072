/**
 * The events log over HTTP: `GET /api/events`, newest first.
 */
import type { App, RouteDeps } from '../http/route-deps.ts';
import { ErrorResponse } from '../http/schemas.ts';
import { presentEvent } from './event.presenter.ts';
import { EventList, EventsQuery } from './event.schemas.ts';
import { listEvents } from './event.service.ts';

/** Registers `GET /api/events`. */
export function registerEventRoutes(app: App, deps: RouteDeps) {
  app.get(
    '/api/events',
    {
      schema: {
        tags: ['events'],
        summary: 'The improvement log, newest first',
        querystring: EventsQuery,
        response: { 200: EventList, 400: ErrorResponse },
      },
    },
    async (request) => {
      const { type, target, since, limit, offset } = request.query;
      const page = await listEvents(
        deps,
        { type, target, since: since === undefined ? undefined : new Date(since) },
        { limit, offset },
      );
      return { events: page.events.map(presentEvent), total: page.total };
    },
  );
}
