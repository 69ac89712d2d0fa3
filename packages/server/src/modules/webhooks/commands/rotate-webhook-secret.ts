/**
 * Replaces a webhook's signing secret, returned this once. Pending retries are signed with the
 * new secret (the delivery job reads it at each attempt), so receivers should accept both for
 * a while when they rotate.
 */
import { DomainError, type WebhookWithSecretDto } from '@switchboard/core';
import type { Kysely } from 'kysely';
import type { DB } from '../../../db/schema.ts';
import type { Actor } from '../../../platform/actor.ts';
import type { Deps } from '../../../platform/deps.ts';
import { appendEvents } from '../../events/events.repository.ts';
import { generateWebhookSecret } from '../webhook-secret.ts';
import { findWebhook, toWebhookDto, updateWebhookRow } from '../webhooks.repository.ts';

export async function rotateWebhookSecret(
  deps: Pick<Deps, 'clock'>,
  trx: Kysely<DB>,
  actor: Actor,
  input: { webhookId: string },
): Promise<WebhookWithSecretDto> {
  const ws = actor.workspaceId;
  const webhook = await findWebhook(trx, ws, input.webhookId, { forUpdate: true });
  if (!webhook) throw new DomainError('WEBHOOK_NOT_FOUND', `Webhook ${input.webhookId} does not exist.`);
  const now = deps.clock.now();
  const updated = await updateWebhookRow(trx, ws, webhook.id, {
    secret: generateWebhookSecret(),
    updated_at: now,
  });
  // The event says that it happened, never what the secret is.
  await appendEvents(trx, actor, now, [
    { subjectType: 'webhook', subjectId: webhook.id, type: 'webhook.secret_rotated' },
  ]);
  return { ...toWebhookDto(updated), secret: updated.secret };
}
