/** Finding a contact by any stored form of a phone number, and recording identities a channel learnt. */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { ContactRow } from '../contacts/contacts.repository.ts';

export async function findContactByPhoneValues(
  db: Kysely<DB>,
  workspaceId: string,
  values: readonly string[],
): Promise<ContactRow | undefined> {
  if (values.length === 0) return undefined;
  return db
    .selectFrom('contact_identities as i')
    .innerJoin('contacts as c', (j) =>
      j.onRef('c.id', '=', 'i.contact_id').onRef('c.workspace_id', '=', 'i.workspace_id'),
    )
    .selectAll('c')
    .where('i.workspace_id', '=', workspaceId)
    .where('i.kind', '=', 'phone')
    .where('i.value', 'in', values)
    .orderBy('i.created_at')
    .limit(1)
    .executeTakeFirst();
}

/** Adds the identity to the contact unless some contact (this one or another) already owns it. */
export async function addIdentityIfFree(
  db: Kysely<DB>,
  row: {
    id: string;
    workspaceId: string;
    contactId: string;
    kind: 'email' | 'phone' | 'external';
    value: string;
  },
): Promise<void> {
  await db
    .insertInto('contact_identities')
    .values({
      id: row.id,
      workspace_id: row.workspaceId,
      contact_id: row.contactId,
      kind: row.kind,
      value: row.value,
    })
    .onConflict((oc) => oc.doNothing())
    .execute();
}
