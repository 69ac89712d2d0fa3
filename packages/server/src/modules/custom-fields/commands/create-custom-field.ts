/** Defines a new ticket field. The key is fixed for life: tickets store values under it. */
import type { CustomFieldDefinition, CustomFieldDto } from '@switchboard/core';
import type { Kysely } from 'kysely';
import type { DB } from '../../../db/schema.ts';
import type { Actor } from '../../../platform/actor.ts';
import type { Deps } from '../../../platform/deps.ts';
import { appendEvents } from '../../events/events.repository.ts';
import { insertCustomField, toCustomFieldDto } from '../custom-fields.repository.ts';

export async function createCustomField(
  deps: Pick<Deps, 'clock' | 'ids'>,
  trx: Kysely<DB>,
  actor: Actor,
  definition: CustomFieldDefinition,
): Promise<CustomFieldDto> {
  const now = deps.clock.now();
  const row = await insertCustomField(trx, {
    id: deps.ids.next(),
    workspaceId: actor.workspaceId,
    definition,
    at: now,
  });
  await appendEvents(trx, actor, now, [
    { subjectType: 'custom_field', subjectId: row.id, type: 'custom_field.created', data: { ...definition } },
  ]);
  return toCustomFieldDto(row);
}
