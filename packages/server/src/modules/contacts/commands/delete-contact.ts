/**
 * Deletes a contact and its identities. A helpdesk never orphans tickets: a contact who
 * requested any ticket (even a deleted one) is refused; merge them into another contact
 * instead.
 */
import { DomainError } from '@switchboard/core';
import type { Kysely } from 'kysely';
import type { DB } from '../../../db/schema.ts';
import type { Actor } from '../../../platform/actor.ts';
import type { Deps } from '../../../platform/deps.ts';
import { appendEvents } from '../../events/events.repository.ts';
import {
  countTicketsOfRequester,
  deleteContact as deleteContactRow,
  findContact,
} from '../contacts.repository.ts';

export async function deleteContact(
  deps: Pick<Deps, 'clock'>,
  trx: Kysely<DB>,
  actor: Actor,
  input: { contactId: string },
): Promise<void> {
  const ws = actor.workspaceId;
  const now = deps.clock.now();
  // The row lock makes a ticket being created for this contact wait, then fail its key check.
  const contact = await findContact(trx, ws, input.contactId, { forUpdate: true });
  if (!contact) throw new DomainError('CONTACT_NOT_FOUND', `Contact ${input.contactId} does not exist.`);
  const ticketCount = await countTicketsOfRequester(trx, ws, contact.id);
  if (ticketCount > 0) {
    throw new DomainError(
      'CONTACT_HAS_TICKETS',
      `${contact.name} requested ${ticketCount} ticket(s); merge the contact into another instead of deleting it.`,
      { ticketCount },
    );
  }
  await deleteContactRow(trx, ws, contact.id);
  await appendEvents(trx, actor, now, [
    { subjectType: 'contact', subjectId: contact.id, type: 'contact.deleted', data: { name: contact.name } },
  ]);
}
