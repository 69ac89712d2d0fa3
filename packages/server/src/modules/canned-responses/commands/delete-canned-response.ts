/**
 * Deletes a canned response. Macros and rules that reply with it fail with a clear error
 * when they next run (the message effect reports the missing response) rather than being
 * edited behind their authors' backs.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../../db/schema.ts';
import type { Actor } from '../../../platform/actor.ts';
import type { Deps } from '../../../platform/deps.ts';
import { appendEvents } from '../../events/events.repository.ts';
import { visibilityOf } from '../../macros/library-access.ts';
import { deleteCannedResponseRow } from '../canned-responses.repository.ts';
import { lockCannedResponse } from './update-canned-response.ts';

export async function deleteCannedResponse(
  deps: Pick<Deps, 'clock'>,
  trx: Kysely<DB>,
  actor: Actor,
  input: { id: string },
): Promise<void> {
  const row = await lockCannedResponse(trx, actor, input.id);
  await deleteCannedResponseRow(trx, actor.workspaceId, row.id);
  await appendEvents(trx, actor, deps.clock.now(), [
    {
      subjectType: 'canned_response',
      subjectId: row.id,
      type: 'canned_response.deleted',
      data: { name: row.name, shortcut: row.shortcut, visibility: visibilityOf(row.owner_id) },
    },
  ]);
}
