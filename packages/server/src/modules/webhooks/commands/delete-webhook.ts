/**
 * Deletes a webhook and its delivery history. Refused while a rule calls it: the rule would
 * otherwise fail on every match, as Zendesk also requires unlinking triggers first.
 */
import { DomainError } from '@switchboard/core';
import type { Kysely } from 'kysely';
import type { DB } from '../../../db/schema.ts';
import type { Actor } from '../../../platform/actor.ts';
import type { Deps } from '../../../platform/deps.ts';
import { appendEvents } from '../../events/events.repository.ts';
import { deleteWebhookRow, findWebhook, listRulesCallingWebhook } from '../webhooks.repository.ts';

export async function deleteWebhook(
  deps: Pick<Deps, 'clock'>,
  trx: Kysely<DB>,
  actor: Actor,
  input: { webhookId: string },
): Promise<void> {
  const ws = actor.workspaceId;
  const webhook = await findWebhook(trx, ws, input.webhookId, { forUpdate: true });
  if (!webhook) throw new DomainError('WEBHOOK_NOT_FOUND', `Webhook ${input.webhookId} does not exist.`);
  const ruleIds = await listRulesCallingWebhook(trx, ws, webhook.id);
  if (ruleIds.length > 0)
    throw new DomainError(
      'WEBHOOK_IN_USE',
      `Rules still call webhook ${webhook.id}: remove the action first.`,
      {
        ruleIds,
      },
    );
  const now = deps.clock.now();
  await deleteWebhookRow(trx, ws, webhook.id);
  await appendEvents(trx, actor, now, [
    { subjectType: 'webhook', subjectId: webhook.id, type: 'webhook.deleted', data: { name: webhook.name } },
  ]);
}
