/** Renames, re-targets, enables or disables a webhook; one `webhook.updated` event lists the changes. */
import { DomainError, type UpdateWebhookInput, validationError, type WebhookDto } from '@switchboard/core';
import type { Kysely } from 'kysely';
import type { DB } from '../../../db/schema.ts';
import type { Actor } from '../../../platform/actor.ts';
import type { Deps } from '../../../platform/deps.ts';
import { appendEvents } from '../../events/events.repository.ts';
import { checkWebhookUrl } from '../webhook-target.ts';
import { findWebhook, toWebhookDto, updateWebhookRow, type WebhookPatch } from '../webhooks.repository.ts';

export async function updateWebhook(
  deps: Pick<Deps, 'clock' | 'config'>,
  trx: Kysely<DB>,
  actor: Actor,
  input: { webhookId: string; changes: UpdateWebhookInput },
): Promise<WebhookDto> {
  const ws = actor.workspaceId;
  const webhook = await findWebhook(trx, ws, input.webhookId, { forUpdate: true });
  if (!webhook) throw new DomainError('WEBHOOK_NOT_FOUND', `Webhook ${input.webhookId} does not exist.`);
  const patch: WebhookPatch = {};
  const changes: Record<string, { from: unknown; to: unknown }> = {};
  for (const [field, value] of Object.entries(input.changes) as [keyof UpdateWebhookInput, unknown][]) {
    if (value === undefined || value === webhook[field]) continue;
    Object.assign(patch, { [field]: value });
    changes[field] = { from: webhook[field], to: value };
  }
  if (Object.keys(changes).length === 0) return toWebhookDto(webhook);
  if (patch.url !== undefined) {
    const errors = checkWebhookUrl(patch.url, deps.config);
    if (errors.length > 0) throw validationError(errors);
  }
  const now = deps.clock.now();
  const updated = await updateWebhookRow(trx, ws, webhook.id, { ...patch, updated_at: now });
  await appendEvents(trx, actor, now, [
    { subjectType: 'webhook', subjectId: webhook.id, type: 'webhook.updated', data: { changes } },
  ]);
  return toWebhookDto(updated);
}
