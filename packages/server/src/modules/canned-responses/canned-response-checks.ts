/** What a canned response must satisfy before it is stored: known placeholders, a free shortcut. */
import { type FieldError, type LocalizedText, validateTemplate, validationError } from '@switchboard/core';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { listCustomFieldDefinitions } from '../custom-fields/custom-fields.repository.ts';
import { findShortcutClash, lockShortcuts } from './canned-responses.repository.ts';

export async function checkCannedResponse(
  trx: Kysely<DB>,
  workspaceId: string,
  input: { bodies: LocalizedText; shortcut: string | null; ownerId: string | null; id: string | null },
): Promise<void> {
  const customFields = await listCustomFieldDefinitions(trx, workspaceId);
  const errors: FieldError[] = validateTemplate(input.bodies, { customFields, pointer: '/bodies' });
  if (input.shortcut !== null) {
    await lockShortcuts(trx, workspaceId);
    const clash = await findShortcutClash(trx, workspaceId, {
      shortcut: input.shortcut,
      ownerId: input.ownerId,
      excludeId: input.id,
    });
    if (clash) {
      errors.push({
        pointer: '/shortcut',
        message: `'/${input.shortcut}' is already the shortcut of '${clash.name}'.`,
      });
    }
  }
  if (errors.length > 0) throw validationError(errors);
}
