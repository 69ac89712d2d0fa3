/** An admin adds a channel: a web form, a phone line, or a source for the generic inbound API. */
import { randomBytes } from 'node:crypto';
import type { ChannelDto, CreateChannelInput } from '@switchboard/core';
import type { Kysely } from 'kysely';
import type { DB } from '../../../db/schema.ts';
import type { Actor } from '../../../platform/actor.ts';
import type { Deps } from '../../../platform/deps.ts';
import { appendEvents } from '../../events/events.repository.ts';
import { insertChannel, toChannelDto } from '../channels.repository.ts';

export async function createChannel(
  deps: Pick<Deps, 'clock' | 'ids'>,
  trx: Kysely<DB>,
  actor: Actor,
  input: CreateChannelInput,
): Promise<ChannelDto> {
  const now = deps.clock.now();
  const row = await insertChannel(trx, {
    id: deps.ids.next(),
    workspace_id: actor.workspaceId,
    kind: input.kind,
    name: input.name,
    settings: input.settings,
    enabled: input.enabled,
    secret: randomBytes(32).toString('hex'),
    created_at: now,
    updated_at: now,
  });
  await appendEvents(trx, actor, now, [
    {
      subjectType: 'channel',
      subjectId: row.id,
      type: 'channel.created',
      data: { kind: row.kind, name: row.name, enabled: row.enabled },
    },
  ]);
  return toChannelDto(row);
}
