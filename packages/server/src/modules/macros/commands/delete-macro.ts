/** Deletes a macro; the tickets it was applied to keep their macro.applied events. */
import type { Kysely } from 'kysely';
import type { DB } from '../../../db/schema.ts';
import type { Actor } from '../../../platform/actor.ts';
import type { Deps } from '../../../platform/deps.ts';
import { appendEvents } from '../../events/events.repository.ts';
import { visibilityOf } from '../library-access.ts';
import { deleteMacroRow } from '../macros.repository.ts';
import { lockMacro } from './update-macro.ts';

export async function deleteMacro(
  deps: Pick<Deps, 'clock'>,
  trx: Kysely<DB>,
  actor: Actor,
  input: { id: string },
): Promise<void> {
  const row = await lockMacro(trx, actor, input.id);
  await deleteMacroRow(trx, actor.workspaceId, row.id);
  await appendEvents(trx, actor, deps.clock.now(), [
    {
      subjectType: 'macro',
      subjectId: row.id,
      type: 'macro.deleted',
      data: { name: row.name, visibility: visibilityOf(row.owner_id) },
    },
  ]);
}
