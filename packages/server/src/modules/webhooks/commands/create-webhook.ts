/** Creates a webhook with a fresh signing secret, returned this once. */
import { type CreateWebhookInput, validationError, type WebhookWithSecretDto } from '@switchboard/core';
import type { Kysely } from 'kysely';
import type { DB } from '../../../db/schema.ts';
import type { Actor } from '../../../platform/actor.ts';
import type { Deps } from '../../../platform/deps.ts';
import { appendEvents } from '../../events/events.repository.ts';
import { generateWebhookSecret } from '../webhook-secret.ts';
import { checkWebhookUrl } from '../webhook-target.ts';
import { insertWebhook, toWebhookDto } from '../webhooks.repository.ts';

export async function createWebhook(
  deps: Pick<Deps, 'clock' | 'ids' | 'config'>,
  trx: Kysely<DB>,
  actor: Actor,
  input: CreateWebhookInput,
): Promise<WebhookWithSecretDto> {
  const errors = checkWebhookUrl(input.url, deps.config);
  if (errors.length > 0) throw validationError(errors);
  const now = deps.clock.now();
  const row = await insertWebhook(trx, {
    id: deps.ids.next(),
    workspace_id: actor.workspaceId,
    name: input.name,
    url: input.url,
    secret: generateWebhookSecret(),
    enabled: input.enabled,
    created_at: now,
    updated_at: now,
  });
  await appendEvents(trx, actor, now, [
    {
      subjectType: 'webhook',
      subjectId: row.id,
      type: 'webhook.created',
      data: { name: row.name, url: row.url, enabled: row.enabled },
    },
  ]);
  return { ...toWebhookDto(row), secret: row.secret };
}
