/** SQL for custom field definitions. */
import { type CustomFieldDefinition, type CustomFieldDto, DomainError } from '@switchboard/core';
import { type Kysely, type Selectable, sql } from 'kysely';
import { isUniqueViolation } from '../../db/errors.ts';
import type { CustomFieldDefinitionsTable, DB } from '../../db/schema.ts';

export type CustomFieldRow = Selectable<CustomFieldDefinitionsTable>;

export function toDefinition(row: CustomFieldRow): CustomFieldDefinition {
  return {
    key: row.key,
    label: row.label,
    type: row.type,
    options: row.options,
    required: row.required,
    description: row.description,
  };
}

export async function listCustomFieldRows(db: Kysely<DB>, workspaceId: string): Promise<CustomFieldRow[]> {
  return db
    .selectFrom('custom_field_definitions')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .orderBy('created_at')
    .orderBy('key')
    .execute();
}

export async function listCustomFieldDefinitions(
  db: Kysely<DB>,
  workspaceId: string,
): Promise<CustomFieldDefinition[]> {
  return (await listCustomFieldRows(db, workspaceId)).map(toDefinition);
}

export function toCustomFieldDto(row: CustomFieldRow): CustomFieldDto {
  return {
    ...toDefinition(row),
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

export async function findCustomFieldRow(
  db: Kysely<DB>,
  workspaceId: string,
  key: string,
  options: { forUpdate?: boolean } = {},
): Promise<CustomFieldRow | undefined> {
  let q = db
    .selectFrom('custom_field_definitions')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('key', '=', key);
  if (options.forUpdate) q = q.forUpdate();
  return q.executeTakeFirst();
}

export async function insertCustomField(
  db: Kysely<DB>,
  row: { id: string; workspaceId: string; definition: CustomFieldDefinition; at: Date },
): Promise<CustomFieldRow> {
  const d = row.definition;
  try {
    return await db
      .insertInto('custom_field_definitions')
      .values({
        id: row.id,
        workspace_id: row.workspaceId,
        key: d.key,
        label: d.label,
        type: d.type,
        options: JSON.stringify(d.options),
        required: d.required,
        description: d.description,
        created_at: row.at,
        updated_at: row.at,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    throw new DomainError(
      'CUSTOM_FIELD_KEY_TAKEN',
      `A custom field with key '${d.key}' already exists.`,
      { errors: [{ pointer: '/key', message: 'already in use' }] },
      { cause: error },
    );
  }
}

export async function updateCustomFieldRow(
  db: Kysely<DB>,
  workspaceId: string,
  id: string,
  patch: Pick<CustomFieldDefinition, 'label' | 'options' | 'required' | 'description'> & { at: Date },
): Promise<CustomFieldRow> {
  return db
    .updateTable('custom_field_definitions')
    .set({
      label: patch.label,
      options: JSON.stringify(patch.options),
      required: patch.required,
      description: patch.description,
      updated_at: patch.at,
    })
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

/**
 * Deletes the definition and strips its key from every ticket's values (deleted tickets
 * too), so no ticket keeps a value the API would now call unknown. Those tickets' versions
 * move on, as their representation changed; updated_at stays, so inbox order does not jump.
 */
export async function deleteCustomFieldRow(db: Kysely<DB>, workspaceId: string, row: CustomFieldRow) {
  const stripped = await db
    .updateTable('tickets')
    .set((eb) => ({
      custom_fields: sql`custom_fields - ${row.key}::text`,
      version: eb('version', '+', 1),
    }))
    .where('workspace_id', '=', workspaceId)
    .where(sql<boolean>`custom_fields ? ${row.key}::text`)
    .executeTakeFirst();
  await db
    .deleteFrom('custom_field_definitions')
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', row.id)
    .execute();
  return { ticketsChanged: Number(stripped.numUpdatedRows) };
}
