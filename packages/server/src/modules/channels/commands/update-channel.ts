/** Renames, reconfigures, disables or deletes a channel. A channel tickets came through is only disabled, never deleted. */
import { type ChannelDto, DomainError, type UpdateChannelInput } from '@switchboard/core';
import type { Kysely } from 'kysely';
import type { DB } from '../../../db/schema.ts';
import type { Actor } from '../../../platform/actor.ts';
import type { Deps } from '../../../platform/deps.ts';
import { appendEvents } from '../../events/events.repository.ts';
import {
  deleteChannelRow,
  findChannel,
  isChannelInUse,
  toChannelDto,
  updateChannelRow,
} from '../channels.repository.ts';

export const channelNotFound = (id: string) =>
  new DomainError('CHANNEL_NOT_FOUND', `Channel ${id} does not exist.`);

export async function updateChannel(
  deps: Pick<Deps, 'clock'>,
  trx: Kysely<DB>,
  actor: Actor,
  id: string,
  input: UpdateChannelInput,
): Promise<ChannelDto> {
  const now = deps.clock.now();
  const before = await findChannel(trx, actor.workspaceId, id, { forUpdate: true });
  if (!before) throw channelNotFound(id);
  const row = await updateChannelRow(trx, actor.workspaceId, id, {
    ...(input.name !== undefined ? { name: input.name } : {}),
    ...(input.settings !== undefined ? { settings: input.settings } : {}),
    ...(input.enabled !== undefined ? { enabled: input.enabled } : {}),
    updated_at: now,
  });
  await appendEvents(trx, actor, now, [
    {
      subjectType: 'channel',
      subjectId: id,
      type: 'channel.updated',
      data: { changes: Object.keys(input) },
    },
  ]);
  return toChannelDto(row);
}

export async function deleteChannel(
  deps: Pick<Deps, 'clock'>,
  trx: Kysely<DB>,
  actor: Actor,
  id: string,
): Promise<void> {
  const row = await findChannel(trx, actor.workspaceId, id, { forUpdate: true });
  if (!row) throw channelNotFound(id);
  if (await isChannelInUse(trx, actor.workspaceId, id)) {
    throw new DomainError(
      'CHANNEL_IN_USE',
      `Tickets came through channel "${row.name}"; disable it instead of deleting it.`,
    );
  }
  await deleteChannelRow(trx, actor.workspaceId, id);
  await appendEvents(trx, actor, deps.clock.now(), [
    {
      subjectType: 'channel',
      subjectId: id,
      type: 'channel.deleted',
      data: { kind: row.kind, name: row.name },
    },
  ]);
}
