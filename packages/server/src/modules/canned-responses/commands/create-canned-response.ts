/** Creates a shared (admins) or personal (any agent) canned response. */
import type { CannedResponseDto, CreateCannedResponseInput } from '@switchboard/core';
import type { Kysely } from 'kysely';
import type { DB } from '../../../db/schema.ts';
import type { Actor } from '../../../platform/actor.ts';
import type { Deps } from '../../../platform/deps.ts';
import { appendEvents } from '../../events/events.repository.ts';
import { ownerIdFor } from '../../macros/library-access.ts';
import { checkCannedResponse } from '../canned-response-checks.ts';
import { insertCannedResponse, toCannedResponseDto } from '../canned-responses.repository.ts';

export async function createCannedResponse(
  deps: Pick<Deps, 'clock' | 'ids'>,
  trx: Kysely<DB>,
  actor: Actor,
  input: CreateCannedResponseInput,
): Promise<CannedResponseDto> {
  const ws = actor.workspaceId;
  const ownerId = ownerIdFor(actor, input.visibility, 'canned responses');
  const shortcut = input.shortcut ?? null;
  await checkCannedResponse(trx, ws, { bodies: input.bodies, shortcut, ownerId, id: null });
  const now = deps.clock.now();
  const row = await insertCannedResponse(trx, {
    id: deps.ids.next(),
    workspace_id: ws,
    name: input.name,
    shortcut,
    owner_id: ownerId,
    bodies: input.bodies,
    at: now,
  });
  const dto = toCannedResponseDto(row);
  await appendEvents(trx, actor, now, [
    {
      subjectType: 'canned_response',
      subjectId: row.id,
      type: 'canned_response.created',
      data: { name: dto.name, shortcut: dto.shortcut, visibility: dto.visibility },
    },
  ]);
  return dto;
}
