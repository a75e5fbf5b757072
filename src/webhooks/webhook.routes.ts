/**
 * Webhooks over HTTP (docs/integrations.md#webhooks), every route `admin`: subscriptions, the test message,
 * the delivery log and redelivery.
 */
import type { App, RouteDeps } from '../http/route-deps.ts';
import { ErrorResponse, IdParams, writeErrors } from '../http/schemas.ts';
import { runInUnit } from '../unit-of-work.ts';
import { presentCreatedWebhook, presentDelivery, presentWebhook } from './webhook.presenter.ts';
import {
  CreatedWebhookJson,
  CreateWebhookBody,
  DeliveriesQuery,
  DeliveryJson,
  DeliveryList,
  DeliveryParams,
  PatchWebhookBody,
  WebhookJson,
  WebhookList,
} from './webhook.schemas.ts';
import {
  changeWebhook,
  createWebhook,
  listDeliveries,
  listWebhooks,
  redeliver,
  sendTestMessage,
} from './webhook.service.ts';

const readErrors = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse };

/** Registers the `/api/webhooks` routes. */
export function registerWebhookRoutes(app: App, deps: RouteDeps) {
  const base = { tags: ['webhooks'], security: [{ bearer: [] }] };

  app.post(
    '/api/webhooks',
    {
      schema: {
        ...base,
        summary: 'Subscribe a URL to event types; the answer shows the signing secret, once (admin)',
        body: CreateWebhookBody,
        response: { 201: CreatedWebhookJson, ...writeErrors },
      },
    },
    async (request, reply) => {
      const caller = await deps.authenticate(request);
      const { url, event_types: eventTypes, description } = request.body;
      const webhook = await runInUnit(deps, (unit) =>
        createWebhook(deps, { unit, caller, url, eventTypes, description }),
      );
      return reply.status(201).send(presentCreatedWebhook(webhook));
    },
  );

  app.get(
    '/api/webhooks',
    {
      schema: {
        ...base,
        summary: 'Every subscription, without secrets (admin)',
        response: { 200: WebhookList, 401: ErrorResponse, 403: ErrorResponse },
      },
    },
    async (request) => {
      const caller = await deps.authenticate(request);
      return { webhooks: (await listWebhooks(deps, caller)).map(presentWebhook) };
    },
  );

  app.patch(
    '/api/webhooks/:id',
    {
      schema: {
        ...base,
        summary: 'Change a subscription: url, event types, active, description (admin)',
        params: IdParams,
        body: PatchWebhookBody,
        response: { 200: WebhookJson, 404: ErrorResponse, ...writeErrors },
      },
    },
    async (request) => {
      const caller = await deps.authenticate(request);
      const { url, event_types: eventTypes, active, description } = request.body;
      const { id } = request.params;
      const changed = await runInUnit(deps, (unit) =>
        changeWebhook(deps, { unit, caller, id, url, eventTypes, active, description }),
      );
      return presentWebhook(changed);
    },
  );

  app.post(
    '/api/webhooks/:id/test',
    {
      schema: {
        ...base,
        summary: 'Queue a webhook_test message to the subscription (admin)',
        params: IdParams,
        response: { 202: DeliveryJson, ...readErrors },
      },
    },
    async (request, reply) => {
      const caller = await deps.authenticate(request);
      const { id } = request.params;
      const delivery = await runInUnit(deps, (unit) => sendTestMessage(deps, { unit, caller, id }));
      return reply.status(202).send(presentDelivery(delivery));
    },
  );

  app.get(
    '/api/webhooks/:id/deliveries',
    {
      schema: {
        ...base,
        summary: "The subscription's delivery log, newest first (admin)",
        params: IdParams,
        querystring: DeliveriesQuery,
        response: { 200: DeliveryList, ...readErrors },
      },
    },
    async (request) => {
      const caller = await deps.authenticate(request);
      const page = await listDeliveries(deps, caller, { webhookId: request.params.id, ...request.query });
      return { deliveries: page.deliveries.map(presentDelivery), total: page.total };
    },
  );

  app.post(
    '/api/webhooks/:id/deliveries/:delivery_id/redeliver',
    {
      schema: {
        ...base,
        summary: 'Queue a delivery again, due now, with a fresh retry schedule (admin)',
        params: DeliveryParams,
        response: { 202: DeliveryJson, ...readErrors },
      },
    },
    async (request, reply) => {
      const caller = await deps.authenticate(request);
      const { id: webhookId, delivery_id: deliveryId } = request.params;
      const delivery = await runInUnit(deps, (unit) =>
        redeliver(deps, { unit, caller, webhookId, deliveryId }),
      );
      return reply.status(202).send(presentDelivery(delivery));
    },
  );
}
