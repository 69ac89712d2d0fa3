/**
 * Changes a macro the caller sees (shared ones need an admin). The actions are checked again
 * whenever anything changes, because moving a macro to 'shared' narrows what it may use.
 */
import { DomainError, type MacroDto, type RuleAction, type UpdateMacroInput } from '@switchboard/core';
import type { Kysely } from 'kysely';
import type { DB } from '../../../db/schema.ts';
import type { Actor } from '../../../platform/actor.ts';
import type { Deps } from '../../../platform/deps.ts';
import { appendEvents } from '../../events/events.repository.ts';
import { assertMayChange, ownerIdFor, visibilityOf } from '../library-access.ts';
import { validateMacroActions } from '../macro-actions.ts';
import { findVisibleMacro, type MacroRow, toMacroDto, updateMacroRow } from '../macros.repository.ts';

export async function lockMacro(trx: Kysely<DB>, actor: Actor, id: string): Promise<MacroRow> {
  const row = await findVisibleMacro(trx, actor.workspaceId, actor.userId, id, { forUpdate: true });
  if (!row) throw new DomainError('MACRO_NOT_FOUND', `Macro ${id} does not exist.`);
  assertMayChange(actor, row.owner_id, 'macros');
  return row;
}

export async function updateMacro(
  deps: Pick<Deps, 'clock'>,
  trx: Kysely<DB>,
  actor: Actor,
  input: { id: string; changes: UpdateMacroInput },
): Promise<MacroDto> {
  const ws = actor.workspaceId;
  const row = await lockMacro(trx, actor, input.id);
  const c = input.changes;
  const ownerId =
    c.visibility === undefined || c.visibility === visibilityOf(row.owner_id)
      ? row.owner_id
      : ownerIdFor(actor, c.visibility, 'macros');
  const actions = await validateMacroActions(trx, ws, {
    actions: c.actions ?? (row.actions as RuleAction[]),
    ownerId,
  });
  const before = toMacroDto(row);
  const now = deps.clock.now();
  const dto = toMacroDto(
    await updateMacroRow(trx, ws, row.id, {
      name: c.name ?? row.name,
      description: c.description === undefined ? row.description : c.description,
      owner_id: ownerId,
      actions,
      at: now,
    }),
  );
  const changes: Record<string, { from: unknown; to: unknown }> = {};
  for (const key of ['name', 'description', 'visibility', 'actions'] as const) {
    if (JSON.stringify(before[key]) !== JSON.stringify(dto[key]))
      changes[key] = { from: before[key], to: dto[key] };
  }
  if (Object.keys(changes).length > 0) {
    await appendEvents(trx, actor, now, [
      { subjectType: 'macro', subjectId: row.id, type: 'macro.updated', data: { changes } },
    ]);
  }
  return dto;
}
