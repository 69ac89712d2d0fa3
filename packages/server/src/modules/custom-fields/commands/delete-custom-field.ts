/** Deletes a field definition and, in the same transaction, its values on every ticket. */
import { DomainError } from '@switchboard/core';
import type { Kysely } from 'kysely';
import type { DB } from '../../../db/schema.ts';
import type { Actor } from '../../../platform/actor.ts';
import type { Deps } from '../../../platform/deps.ts';
import { appendEvents } from '../../events/events.repository.ts';
import { deleteCustomFieldRow, findCustomFieldRow, toDefinition } from '../custom-fields.repository.ts';

export async function deleteCustomField(
  deps: Pick<Deps, 'clock'>,
  trx: Kysely<DB>,
  actor: Actor,
  input: { key: string },
): Promise<void> {
  const ws = actor.workspaceId;
  const row = await findCustomFieldRow(trx, ws, input.key, { forUpdate: true });
  if (!row) throw new DomainError('CUSTOM_FIELD_NOT_FOUND', `Custom field '${input.key}' does not exist.`);
  const { ticketsChanged } = await deleteCustomFieldRow(trx, ws, row);
  await appendEvents(trx, actor, deps.clock.now(), [
    {
      subjectType: 'custom_field',
      subjectId: row.id,
      type: 'custom_field.deleted',
      data: { ...toDefinition(row), ticketsChanged },
    },
  ]);
}
