/** Creates a shared (admins) or personal (any agent) macro after checking every action. */
import type { CreateMacroInput, MacroDto } from '@switchboard/core';
import type { Kysely } from 'kysely';
import type { DB } from '../../../db/schema.ts';
import type { Actor } from '../../../platform/actor.ts';
import type { Deps } from '../../../platform/deps.ts';
import { appendEvents } from '../../events/events.repository.ts';
import { ownerIdFor } from '../library-access.ts';
import { validateMacroActions } from '../macro-actions.ts';
import { insertMacro, toMacroDto } from '../macros.repository.ts';

export async function createMacro(
  deps: Pick<Deps, 'clock' | 'ids'>,
  trx: Kysely<DB>,
  actor: Actor,
  input: CreateMacroInput,
): Promise<MacroDto> {
  const ws = actor.workspaceId;
  const ownerId = ownerIdFor(actor, input.visibility, 'macros');
  const actions = await validateMacroActions(trx, ws, { actions: input.actions, ownerId });
  const now = deps.clock.now();
  const row = await insertMacro(trx, {
    id: deps.ids.next(),
    workspace_id: ws,
    name: input.name,
    description: input.description ?? null,
    owner_id: ownerId,
    actions,
    at: now,
  });
  const dto = toMacroDto(row);
  await appendEvents(trx, actor, now, [
    {
      subjectType: 'macro',
      subjectId: row.id,
      type: 'macro.created',
      data: { name: dto.name, visibility: dto.visibility, actions: dto.actions },
    },
  ]);
  return dto;
}
