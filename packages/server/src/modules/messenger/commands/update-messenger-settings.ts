/** Changes the workspace's messenger settings; identity can be required only once a secret exists. */
import { validationError } from '@switchboard/core';
import type { Kysely } from 'kysely';
import type { DB } from '../../../db/schema.ts';
import type { Actor } from '../../../platform/actor.ts';
import type { Deps } from '../../../platform/deps.ts';
import { appendEvents } from '../../events/events.repository.ts';
import {
  ensureSettings,
  type MessengerSettingsRow,
  type SettingsPatch,
  updateSettings,
} from '../messenger.repository.ts';
import type { UpdateMessengerSettingsInput } from '../messenger.schemas.ts';
import { newWorkspaceKey } from '../visitor-identity.ts';

export async function ensureMessengerSettings(
  trx: Kysely<DB>,
  workspaceId: string,
): Promise<MessengerSettingsRow> {
  return ensureSettings(trx, workspaceId, newWorkspaceKey());
}

export async function updateMessengerSettings(
  deps: Pick<Deps, 'clock'>,
  trx: Kysely<DB>,
  actor: Actor,
  input: UpdateMessengerSettingsInput,
): Promise<MessengerSettingsRow> {
  const workspaceId = actor.workspaceId;
  const current = await ensureMessengerSettings(trx, workspaceId);
  if (input.identityRequired && !current.identity_secret) {
    throw validationError([
      { pointer: '/identityRequired', message: 'rotate an identity secret into existence first' },
    ]);
  }
  const patch: SettingsPatch = { updated_at: deps.clock.now() };
  if (input.enabled !== undefined) patch.enabled = input.enabled;
  if (input.identityRequired !== undefined) patch.identity_required = input.identityRequired;
  if (input.brandColor !== undefined) patch.brand_color = input.brandColor;
  if (input.greeting?.ko !== undefined) patch.greeting_ko = input.greeting.ko;
  if (input.greeting?.en !== undefined) patch.greeting_en = input.greeting.en;
  if (input.preChat?.name !== undefined) patch.pre_chat_name = input.preChat.name;
  if (input.preChat?.email !== undefined) patch.pre_chat_email = input.preChat.email;
  const row = await updateSettings(trx, workspaceId, patch);
  await appendEvents(trx, actor, patch.updated_at, [
    {
      subjectType: 'workspace',
      subjectId: workspaceId,
      type: 'messenger.settings_updated',
      data: { changes: input },
    },
  ]);
  return row;
}
