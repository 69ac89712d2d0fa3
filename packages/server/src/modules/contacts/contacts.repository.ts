/** SQL for contacts and their identities. */

import { type ContactDto, DomainError } from '@switchboard/core';
import type { Kysely, Selectable } from 'kysely';
import { isUniqueViolation } from '../../db/errors.ts';
import type { ContactsTable, DB } from '../../db/schema.ts';

export type ContactRow = Selectable<ContactsTable>;
export type IdentityKind = 'email' | 'phone' | 'external';
export type Identities = { emails: string[]; phones: string[]; externalIds: string[] };

/** Emails compare case-insensitively; phones by their digits and a leading +. */
export function normalizeIdentity(kind: IdentityKind, value: string): string {
  const trimmed = value.trim();
  if (kind === 'email') return trimmed.toLowerCase();
  if (kind === 'phone') return trimmed.replace(/(?!^\+)[^\d]/g, '');
  return trimmed;
}

export async function findContact(
  db: Kysely<DB>,
  workspaceId: string,
  id: string,
  options: { forUpdate?: boolean } = {},
): Promise<ContactRow | undefined> {
  let q = db.selectFrom('contacts').selectAll().where('workspace_id', '=', workspaceId).where('id', '=', id);
  if (options.forUpdate) q = q.forUpdate();
  return q.executeTakeFirst();
}

export async function findContactByIdentity(
  db: Kysely<DB>,
  workspaceId: string,
  kind: IdentityKind,
  value: string,
): Promise<ContactRow | undefined> {
  return db
    .selectFrom('contact_identities as i')
    .innerJoin('contacts as c', (j) =>
      j.onRef('c.id', '=', 'i.contact_id').onRef('c.workspace_id', '=', 'i.workspace_id'),
    )
    .selectAll('c')
    .where('i.workspace_id', '=', workspaceId)
    .where('i.kind', '=', kind)
    .where('i.value', '=', normalizeIdentity(kind, value))
    .executeTakeFirst();
}

export async function insertContact(
  db: Kysely<DB>,
  row: {
    id: string;
    workspaceId: string;
    name: string;
    language: string | null;
    timeZone: string | null;
    isVip: boolean;
    organizationId: string | null;
    attributes: Record<string, unknown>;
    at: Date;
  },
): Promise<ContactRow> {
  return db
    .insertInto('contacts')
    .values({
      id: row.id,
      workspace_id: row.workspaceId,
      name: row.name,
      language: row.language,
      time_zone: row.timeZone,
      is_vip: row.isVip,
      organization_id: row.organizationId,
      attributes: JSON.stringify(row.attributes),
      created_at: row.at,
      updated_at: row.at,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Replaces the identities of the given kinds; an identity owned by another contact is a conflict. */
export async function replaceIdentities(
  db: Kysely<DB>,
  input: { workspaceId: string; contactId: string; identities: Partial<Identities>; newId: () => string },
): Promise<void> {
  const byKind: [IdentityKind, string[] | undefined][] = [
    ['email', input.identities.emails],
    ['phone', input.identities.phones],
    ['external', input.identities.externalIds],
  ];
  for (const [kind, values] of byKind) {
    if (values === undefined) continue;
    const normalized = [...new Set(values.map((v) => normalizeIdentity(kind, v)).filter(Boolean))];
    await db
      .deleteFrom('contact_identities')
      .where('workspace_id', '=', input.workspaceId)
      .where('contact_id', '=', input.contactId)
      .where('kind', '=', kind)
      .execute();
    if (normalized.length === 0) continue;
    try {
      await db
        .insertInto('contact_identities')
        .values(
          normalized.map((value) => ({
            id: input.newId(),
            workspace_id: input.workspaceId,
            contact_id: input.contactId,
            kind,
            value,
          })),
        )
        .execute();
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      throw new DomainError(
        'CONTACT_IDENTITY_TAKEN',
        `One of these ${kind} identities belongs to another contact.`,
        {
          kind,
          values: normalized,
        },
      );
    }
  }
}

export async function listIdentities(
  db: Kysely<DB>,
  workspaceId: string,
  contactIds: readonly string[],
): Promise<Map<string, Identities>> {
  const result = new Map<string, Identities>(
    contactIds.map((id) => [id, { emails: [], phones: [], externalIds: [] }]),
  );
  if (contactIds.length === 0) return result;
  const rows = await db
    .selectFrom('contact_identities')
    .select(['contact_id', 'kind', 'value'])
    .where('workspace_id', '=', workspaceId)
    .where('contact_id', 'in', contactIds)
    .orderBy('created_at')
    .orderBy('value')
    .execute();
  for (const row of rows) {
    const entry = result.get(row.contact_id);
    if (!entry) continue;
    if (row.kind === 'email') entry.emails.push(row.value);
    else if (row.kind === 'phone') entry.phones.push(row.value);
    else entry.externalIds.push(row.value);
  }
  return result;
}

export function toContactDto(row: ContactRow, identities: Identities | undefined): ContactDto {
  return {
    id: row.id,
    name: row.name,
    emails: identities?.emails ?? [],
    phones: identities?.phones ?? [],
    externalIds: identities?.externalIds ?? [],
    language: row.language,
    timeZone: row.time_zone,
    isVip: row.is_vip,
    organizationId: row.organization_id,
    attributes: row.attributes as ContactDto['attributes'],
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

export type ContactPatch = Partial<
  Pick<ContactRow, 'name' | 'language' | 'time_zone' | 'is_vip' | 'organization_id' | 'updated_at'>
> & { attributes?: Record<string, unknown> };

export async function updateContact(db: Kysely<DB>, workspaceId: string, id: string, patch: ContactPatch) {
  const { attributes, ...columns } = patch;
  return db
    .updateTable('contacts')
    .set({ ...columns, ...(attributes ? { attributes: JSON.stringify(attributes) } : {}) })
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Identities go with the row (on delete cascade). */
export async function deleteContact(db: Kysely<DB>, workspaceId: string, id: string): Promise<void> {
  await db.deleteFrom('contacts').where('workspace_id', '=', workspaceId).where('id', '=', id).execute();
}

/** Every ticket the contact requested, soft-deleted ones included: they still point at the row. */
export async function countTicketsOfRequester(db: Kysely<DB>, workspaceId: string, contactId: string) {
  const row = await db
    .selectFrom('tickets')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('workspace_id', '=', workspaceId)
    .where('requester_id', '=', contactId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Owner contact of each of the given (normalised) identity values that has one. */
export async function findIdentityOwners(
  db: Kysely<DB>,
  workspaceId: string,
  kind: IdentityKind,
  values: readonly string[],
): Promise<Map<string, string>> {
  if (values.length === 0) return new Map();
  const rows = await db
    .selectFrom('contact_identities')
    .select(['value', 'contact_id'])
    .where('workspace_id', '=', workspaceId)
    .where('kind', '=', kind)
    .where('value', 'in', values)
    .execute();
  return new Map(rows.map((r) => [r.value, r.contact_id]));
}

/**
 * Inserts the identities of a brand-new contact, skipping any that another contact holds.
 * Returns false (having inserted nothing) when one was taken: the caller lost a race.
 */
export async function claimNewIdentities(
  db: Kysely<DB>,
  input: {
    workspaceId: string;
    contactId: string;
    identities: [IdentityKind, string][];
    newId: () => string;
  },
): Promise<boolean> {
  const rows = input.identities.map(([kind, value]) => ({
    id: input.newId(),
    workspace_id: input.workspaceId,
    contact_id: input.contactId,
    kind,
    value: normalizeIdentity(kind, value),
  }));
  if (rows.length === 0) return true;
  const inserted = await db
    .insertInto('contact_identities')
    .values(rows)
    .onConflict((oc) => oc.columns(['workspace_id', 'kind', 'value']).doNothing())
    .returning('id')
    .execute();
  if (inserted.length === rows.length) return true;
  await db
    .deleteFrom('contact_identities')
    .where('workspace_id', '=', input.workspaceId)
    .where('contact_id', '=', input.contactId)
    .execute();
  return false;
}
