/**
 * The requester of a new ticket: an existing contact by id, or the contact owning the given
 * email, phone or external id, created on first contact. A new contact gets every identity
 * given; an existing one is never modified here (that is an explicit contact update).
 */
import { DomainError, validationError } from '@switchboard/core';
import type { Kysely } from 'kysely';
import type { DB } from '../../../db/schema.ts';
import type { Actor } from '../../../platform/actor.ts';
import type { Deps } from '../../../platform/deps.ts';
import { appendEvents } from '../../events/events.repository.ts';
import { findOrganizationIdByEmailDomain } from '../../organizations/organizations.repository.ts';
import {
  type ContactRow,
  claimNewIdentities,
  findContact,
  findContactByIdentity,
  type IdentityKind,
  insertContact,
} from '../contacts.repository.ts';

export type RequesterInput = {
  id?: string | undefined;
  email?: string | undefined;
  phone?: string | undefined;
  externalId?: string | undefined;
  name?: string | undefined;
  language?: string | undefined;
};

export async function findOrCreateRequester(
  deps: Pick<Deps, 'ids'>,
  trx: Kysely<DB>,
  actor: Actor,
  input: RequesterInput,
  now: Date,
): Promise<ContactRow> {
  const ws = actor.workspaceId;
  if (input.id) {
    const contact = await findContact(trx, ws, input.id);
    if (!contact) throw validationError([{ pointer: '/requester/id', message: 'no such contact' }]);
    return contact;
  }
  const lookups: [IdentityKind, string | undefined][] = [
    ['email', input.email],
    ['phone', input.phone],
    ['external', input.externalId],
  ];
  for (const [kind, value] of lookups) {
    if (!value) continue;
    const found = await findContactByIdentity(trx, ws, kind, value);
    if (found) return found;
  }
  const name = input.name ?? input.email?.split('@')[0] ?? input.phone ?? input.externalId;
  if (!name) throw new DomainError('VALIDATION_FAILED', 'requester has no identity');
  const organizationId = input.email ? await findOrganizationIdByEmailDomain(trx, ws, input.email) : null;
  const contact = await insertContact(trx, {
    id: deps.ids.next(),
    workspaceId: ws,
    name,
    language: input.language ?? null,
    timeZone: null,
    isVip: false,
    organizationId,
    attributes: {},
    at: now,
  });
  // Two first messages from one new customer can race. Claiming the identities with ON
  // CONFLICT DO NOTHING waits for the other transaction; if it won, use its contact.
  const claimed = await claimNewIdentities(trx, {
    workspaceId: ws,
    contactId: contact.id,
    identities: lookups.filter((l): l is [IdentityKind, string] => Boolean(l[1])),
    newId: () => deps.ids.next(),
  });
  if (!claimed) {
    await trx.deleteFrom('contacts').where('workspace_id', '=', ws).where('id', '=', contact.id).execute();
    for (const [kind, value] of lookups) {
      const winner = value ? await findContactByIdentity(trx, ws, kind, value) : undefined;
      if (winner) return winner;
    }
    throw new DomainError('CONTACT_IDENTITY_TAKEN', 'The requester identity was taken concurrently.');
  }
  await appendEvents(trx, actor, now, [
    { subjectType: 'contact', subjectId: contact.id, type: 'contact.created', data: { name, via: 'ticket' } },
  ]);
  return contact;
}
