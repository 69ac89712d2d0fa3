/** A webhook's delivery history, and test deliveries. */
import {
  DomainError,
  idSchema,
  listWebhookDeliveriesQuerySchema,
  pageSchema,
  webhookDeliverySchema,
} from '@switchboard/core';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../http/auth.ts';
import type { Deps } from '../../platform/deps.ts';
import { invalidCursor } from '../contacts/list-ticket-page.ts';
import { sendTestDelivery } from './commands/send-test-delivery.ts';
import { findWebhook, listDeliveries, toDeliveryDto } from './webhooks.repository.ts';

const tags = ['Webhooks'];
const idParams = z.object({ id: idSchema });

export function registerWebhookDeliveryRoutes(app: FastifyInstance, deps: Deps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/webhooks/:id/deliveries',
    {
      config: { auth: 'admin' },
      schema: {
        tags,
        summary: "A webhook's deliveries, newest first",
        description:
          'Each with its status, attempts, and the status code or error of its last attempt. A `pending` ' +
          'delivery is waiting for its first attempt or a retry; `failed` ones ran out of retries or were ' +
          'refused for good (a 4xx other than 408 and 429).',
        params: idParams,
        querystring: listWebhookDeliveriesQuerySchema,
        response: { 200: pageSchema(webhookDeliverySchema) },
      },
    },
    async (request) => {
      const ws = actorOf(request).workspaceId;
      const webhook = await findWebhook(deps.db, ws, request.params.id);
      if (!webhook)
        throw new DomainError('WEBHOOK_NOT_FOUND', `Webhook ${request.params.id} does not exist.`);
      const page = await listDeliveries(deps.db, ws, { webhookId: webhook.id, ...request.query });
      if (!page) throw invalidCursor();
      return { data: page.rows.map(toDeliveryDto), nextCursor: page.nextCursor };
    },
  );

  r.post(
    '/webhooks/:id/test',
    {
      config: { auth: 'admin' },
      schema: {
        tags,
        summary: 'Send a test delivery',
        description:
          'Queues a signed `webhook.ping` delivery and returns it (status `pending`); follow it in the ' +
          'delivery history. 503 when no job queue runs.',
        params: idParams,
        response: { 202: webhookDeliverySchema },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const delivery = await deps.db
        .transaction()
        .execute((trx) => sendTestDelivery(deps, trx, actor, { webhookId: request.params.id }));
      return reply.code(202).send(delivery);
    },
  );
}
