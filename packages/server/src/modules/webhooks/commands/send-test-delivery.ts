/**
 * Queues a `webhook.ping` delivery, so an admin can check the receiver and its signature
 * check before wiring a rule to it. It goes through the same job, signing and retries as
 * rule deliveries.
 */
import { DomainError, validationError, type WebhookDeliveryDto } from '@switchboard/core';
import type { Kysely } from 'kysely';
import type { DB } from '../../../db/schema.ts';
import type { Actor } from '../../../platform/actor.ts';
import type { Deps } from '../../../platform/deps.ts';
import { WEBHOOK_QUEUE } from '../../automation/effects/webhook-effect.ts';
import { appendEvents } from '../../events/events.repository.ts';
import { findWebhook, insertDelivery, toDeliveryDto } from '../webhooks.repository.ts';

export async function sendTestDelivery(
  deps: Pick<Deps, 'clock' | 'ids' | 'jobs'>,
  trx: Kysely<DB>,
  actor: Actor,
  input: { webhookId: string },
): Promise<WebhookDeliveryDto> {
  const ws = actor.workspaceId;
  const webhook = await findWebhook(trx, ws, input.webhookId);
  if (!webhook) throw new DomainError('WEBHOOK_NOT_FOUND', `Webhook ${input.webhookId} does not exist.`);
  if (!webhook.enabled)
    throw validationError([{ pointer: '/enabled', message: 'enable the webhook before testing it' }]);
  if (!deps.jobs) throw new DomainError('SERVICE_UNAVAILABLE', 'The job queue is not running.');
  const now = deps.clock.now();
  const id = deps.ids.next();
  const payload = {
    id,
    type: 'webhook.ping',
    occurredAt: now.toISOString(),
    workspaceId: ws,
    webhookId: webhook.id,
  };
  const delivery = await insertDelivery(trx, {
    id,
    workspace_id: ws,
    webhook_id: webhook.id,
    ticket_id: null,
    rule_id: null,
    payload,
    status: 'pending',
    last_status_code: null,
    last_error: null,
    created_at: now,
    delivered_at: null,
  });
  await deps.jobs.send(trx, WEBHOOK_QUEUE, { workspaceId: ws, deliveryId: id });
  await appendEvents(trx, actor, now, [
    { subjectType: 'webhook', subjectId: webhook.id, type: 'webhook.ping_sent', data: { deliveryId: id } },
  ]);
  return toDeliveryDto(delivery);
}
