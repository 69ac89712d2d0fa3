/**
 * Changes a canned response the caller sees. Shared ones need an admin; moving one between
 * shared and personal needs the rights of both sides (an admin making it theirs, or sharing it).
 */
import { type CannedResponseDto, DomainError, type UpdateCannedResponseInput } from '@switchboard/core';
import type { Kysely } from 'kysely';
import type { DB } from '../../../db/schema.ts';
import type { Actor } from '../../../platform/actor.ts';
import type { Deps } from '../../../platform/deps.ts';
import { appendEvents } from '../../events/events.repository.ts';
import { assertMayChange, ownerIdFor, visibilityOf } from '../../macros/library-access.ts';
import { checkCannedResponse } from '../canned-response-checks.ts';
import {
  findVisibleCannedResponse,
  toCannedResponseDto,
  updateCannedResponseRow,
} from '../canned-responses.repository.ts';

export async function lockCannedResponse(trx: Kysely<DB>, actor: Actor, id: string) {
  const row = await findVisibleCannedResponse(trx, actor.workspaceId, actor.userId, id, { forUpdate: true });
  if (!row) throw new DomainError('CANNED_RESPONSE_NOT_FOUND', `Canned response ${id} does not exist.`);
  assertMayChange(actor, row.owner_id, 'canned responses');
  return row;
}

export async function updateCannedResponse(
  deps: Pick<Deps, 'clock'>,
  trx: Kysely<DB>,
  actor: Actor,
  input: { id: string; changes: UpdateCannedResponseInput },
): Promise<CannedResponseDto> {
  const ws = actor.workspaceId;
  const row = await lockCannedResponse(trx, actor, input.id);
  const c = input.changes;
  const ownerId =
    c.visibility === undefined || c.visibility === visibilityOf(row.owner_id)
      ? row.owner_id
      : ownerIdFor(actor, c.visibility, 'canned responses');
  const next = {
    name: c.name ?? row.name,
    shortcut: c.shortcut === undefined ? row.shortcut : c.shortcut,
    owner_id: ownerId,
    bodies: c.bodies ?? (row.bodies as CannedResponseDto['bodies']),
  };
  await checkCannedResponse(trx, ws, { bodies: next.bodies, shortcut: next.shortcut, ownerId, id: row.id });
  const before = toCannedResponseDto(row);
  const now = deps.clock.now();
  const dto = toCannedResponseDto(await updateCannedResponseRow(trx, ws, row.id, { ...next, at: now }));
  const changes: Record<string, { from: unknown; to: unknown }> = {};
  for (const key of ['name', 'shortcut', 'bodies', 'visibility'] as const) {
    if (JSON.stringify(before[key]) !== JSON.stringify(dto[key]))
      changes[key] = { from: before[key], to: dto[key] };
  }
  if (Object.keys(changes).length > 0) {
    await appendEvents(trx, actor, now, [
      {
        subjectType: 'canned_response',
        subjectId: row.id,
        type: 'canned_response.updated',
        data: { changes },
      },
    ]);
  }
  return dto;
}
