/**
 * Changes a field's label, description, required flag or options. Key and type never change:
 * existing values are stored under the key and were validated against the type. The merged
 * definition is judged by the same schema as a new one, so an update cannot produce a
 * definition that creation would refuse (a dropdown without options, options on text...).
 * Removing an option is allowed even if tickets still hold its value; they keep it until
 * someone changes the field.
 */
import {
  type CustomFieldDto,
  customFieldDefinitionInputSchema,
  DomainError,
  type UpdateCustomFieldInput,
  validationError,
} from '@switchboard/core';
import type { Kysely } from 'kysely';
import type { DB } from '../../../db/schema.ts';
import { toPointer } from '../../../http/problem.ts';
import type { Actor } from '../../../platform/actor.ts';
import type { Deps } from '../../../platform/deps.ts';
import { appendEvents } from '../../events/events.repository.ts';
import {
  findCustomFieldRow,
  toCustomFieldDto,
  toDefinition,
  updateCustomFieldRow,
} from '../custom-fields.repository.ts';

export async function updateCustomField(
  deps: Pick<Deps, 'clock'>,
  trx: Kysely<DB>,
  actor: Actor,
  input: { key: string; changes: UpdateCustomFieldInput },
): Promise<CustomFieldDto> {
  const ws = actor.workspaceId;
  const row = await findCustomFieldRow(trx, ws, input.key, { forUpdate: true });
  if (!row) throw new DomainError('CUSTOM_FIELD_NOT_FOUND', `Custom field '${input.key}' does not exist.`);
  const current = toDefinition(row);
  const c = input.changes;
  const description = c.description === undefined ? current.description : c.description;
  const checked = customFieldDefinitionInputSchema.safeParse({
    key: current.key,
    type: current.type,
    label: c.label ?? current.label,
    options: c.options ?? current.options,
    required: c.required ?? current.required,
    ...(description !== null ? { description } : {}),
  });
  if (!checked.success) {
    throw validationError(
      checked.error.issues.map((i) => ({ pointer: toPointer(i.path), message: i.message })),
    );
  }
  const next = checked.data;
  const changes: Record<string, { from: unknown; to: unknown }> = {};
  for (const field of ['label', 'options', 'required', 'description'] as const) {
    if (JSON.stringify(current[field]) !== JSON.stringify(next[field])) {
      changes[field] = { from: current[field], to: next[field] };
    }
  }
  if (Object.keys(changes).length === 0) return toCustomFieldDto(row);
  const now = deps.clock.now();
  const updated = await updateCustomFieldRow(trx, ws, row.id, { ...next, at: now });
  await appendEvents(trx, actor, now, [
    {
      subjectType: 'custom_field',
      subjectId: row.id,
      type: 'custom_field.updated',
      data: { key: row.key, changes },
    },
  ]);
  return toCustomFieldDto(updated);
}
