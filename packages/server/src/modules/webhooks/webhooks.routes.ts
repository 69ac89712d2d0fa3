/**
 * HTTP routes of webhooks (admin only): configure them, rotate their secrets, test them and
 * read their delivery history. Also registers the notification outbox and the jobs API, the
 * other two views on background work.
 */
import {
  createWebhookSchema,
  DomainError,
  idSchema,
  updateWebhookSchema,
  webhookSchema,
  webhookWithSecretSchema,
} from '@switchboard/core';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../http/auth.ts';
import type { Deps } from '../../platform/deps.ts';
import { registerJobRoutes } from '../jobs/jobs.routes.ts';
import { registerNotificationRoutes } from '../notifications/notifications.routes.ts';
import { createWebhook } from './commands/create-webhook.ts';
import { deleteWebhook } from './commands/delete-webhook.ts';
import { rotateWebhookSecret } from './commands/rotate-webhook-secret.ts';
import { updateWebhook } from './commands/update-webhook.ts';
import { registerWebhookDeliveryRoutes } from './webhook-deliveries.routes.ts';
import { findWebhook, listWebhooks, toWebhookDto } from './webhooks.repository.ts';

const tags = ['Webhooks'];
const idParams = z.object({ id: idSchema });

export function registerWebhookRoutes(app: FastifyInstance, deps: Deps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/webhooks',
    {
      config: { auth: 'admin' },
      schema: {
        tags,
        summary: 'List webhooks',
        description: 'Sorted by name. Secrets are never shown here.',
        response: { 200: z.object({ data: z.array(webhookSchema) }) },
      },
    },
    async (request) => {
      const rows = await listWebhooks(deps.db, actorOf(request).workspaceId);
      return { data: rows.map(toWebhookDto) };
    },
  );

  r.post(
    '/webhooks',
    {
      config: { auth: 'admin' },
      schema: {
        tags,
        summary: 'Create a webhook',
        description:
          'Returns the signing `secret` once: store it to verify `X-Switchboard-Signature` (docs/WEBHOOKS.md).',
        body: createWebhookSchema,
        response: { 201: webhookWithSecretSchema },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const created = await deps.db
        .transaction()
        .execute((trx) => createWebhook(deps, trx, actor, request.body));
      return reply.header('location', `/api/v1/webhooks/${created.id}`).code(201).send(created);
    },
  );

  r.get(
    '/webhooks/:id',
    {
      config: { auth: 'admin' },
      schema: { tags, summary: 'Get a webhook', params: idParams, response: { 200: webhookSchema } },
    },
    async (request) => {
      const webhook = await findWebhook(deps.db, actorOf(request).workspaceId, request.params.id);
      if (!webhook)
        throw new DomainError('WEBHOOK_NOT_FOUND', `Webhook ${request.params.id} does not exist.`);
      return toWebhookDto(webhook);
    },
  );

  r.patch(
    '/webhooks/:id',
    {
      config: { auth: 'admin' },
      schema: {
        tags,
        summary: 'Update a webhook',
        description: 'A disabled webhook receives nothing: rules calling it skip the call.',
        params: idParams,
        body: updateWebhookSchema,
        response: { 200: webhookSchema },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      return deps.db
        .transaction()
        .execute((trx) =>
          updateWebhook(deps, trx, actor, { webhookId: request.params.id, changes: request.body }),
        );
    },
  );

  r.delete(
    '/webhooks/:id',
    {
      config: { auth: 'admin' },
      schema: {
        tags,
        summary: 'Delete a webhook and its delivery history',
        description: 'Refused with 409 `WEBHOOK_IN_USE` while a rule calls it.',
        params: idParams,
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      await deps.db
        .transaction()
        .execute((trx) => deleteWebhook(deps, trx, actor, { webhookId: request.params.id }));
      return reply.code(204).send();
    },
  );

  r.post(
    '/webhooks/:id/rotate-secret',
    {
      config: { auth: 'admin' },
      schema: {
        tags,
        summary: 'Replace the signing secret',
        description: 'Returns the new `secret` once. Retries still pending are signed with the new one.',
        params: idParams,
        response: { 200: webhookWithSecretSchema },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      return deps.db
        .transaction()
        .execute((trx) => rotateWebhookSecret(deps, trx, actor, { webhookId: request.params.id }));
    },
  );

  registerWebhookDeliveryRoutes(app, deps);
  registerNotificationRoutes(app, deps);
  registerJobRoutes(app, deps);
}
