/** SQL for custom field definitions. */
import type { CustomFieldDefinition } from '@switchboard/core';
import type { Kysely, Selectable } from 'kysely';
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
