/**
 * Checks a contact write against the rest of the workspace before anything is stored: the
 * organisation must exist here, and no identity may already belong to another contact.
 * Every problem carries the JSON pointer of the value that caused it.
 */
import { DomainError, type FieldError } from '@switchboard/core';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { findOrganization } from '../organizations/organizations.repository.ts';
import {
  findIdentityOwners,
  type Identities,
  type IdentityKind,
  normalizeIdentity,
} from './contacts.repository.ts';

const fields: [keyof Identities, IdentityKind][] = [
  ['emails', 'email'],
  ['phones', 'phone'],
  ['externalIds', 'external'],
];

export async function checkOrganizationId(
  db: Kysely<DB>,
  workspaceId: string,
  organizationId: string | null | undefined,
): Promise<FieldError[]> {
  if (!organizationId) return [];
  const found = await findOrganization(db, workspaceId, organizationId);
  return found ? [] : [{ pointer: '/organizationId', message: 'no such organisation' }];
}

/** Normalised, de-duplicated and sorted: the form identities are stored and compared in. */
export function normalizeIdentities(kind: IdentityKind, values: readonly string[]): string[] {
  return [...new Set(values.map((v) => normalizeIdentity(kind, v)).filter(Boolean))].sort();
}

/**
 * Refuses identities owned by a contact other than `contactId` with CONTACT_IDENTITY_TAKEN,
 * naming the owner so the caller can offer to merge the two contacts.
 */
export async function assertIdentitiesFree(
  db: Kysely<DB>,
  input: { workspaceId: string; contactId: string | null; identities: Partial<Identities> },
): Promise<void> {
  const errors: FieldError[] = [];
  const owners = new Set<string>();
  for (const [field, kind] of fields) {
    const raw = input.identities[field];
    if (!raw || raw.length === 0) continue;
    const found = await findIdentityOwners(db, input.workspaceId, kind, normalizeIdentities(kind, raw));
    raw.forEach((value, i) => {
      const owner = found.get(normalizeIdentity(kind, value));
      if (!owner || owner === input.contactId) return;
      owners.add(owner);
      errors.push({ pointer: `/${field}/${i}`, message: `belongs to contact ${owner}` });
    });
  }
  if (errors.length === 0) return;
  throw new DomainError(
    'CONTACT_IDENTITY_TAKEN',
    'An identity belongs to another contact: merge the two contacts or use another value.',
    { errors, contactIds: [...owners] },
  );
}
