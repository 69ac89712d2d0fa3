/**
 * Adds a customer with every identity they are known by. An identity already owned by
 * another contact is refused before anything is written (a unique index backs the check
 * against a concurrent insert).
 */
import { type ContactDto, type CreateContactInput, validationError } from '@switchboard/core';
import type { Kysely } from 'kysely';
import type { DB } from '../../../db/schema.ts';
import type { Actor } from '../../../platform/actor.ts';
import type { Deps } from '../../../platform/deps.ts';
import { appendEvents } from '../../events/events.repository.ts';
import { assertIdentitiesFree, checkOrganizationId } from '../contact-references.ts';
import { insertContact, listIdentities, replaceIdentities, toContactDto } from '../contacts.repository.ts';

export async function createContact(
  deps: Pick<Deps, 'clock' | 'ids'>,
  trx: Kysely<DB>,
  actor: Actor,
  input: CreateContactInput,
): Promise<ContactDto> {
  const ws = actor.workspaceId;
  const now = deps.clock.now();
  const errors = await checkOrganizationId(trx, ws, input.organizationId);
  if (errors.length > 0) throw validationError(errors);
  const identities = { emails: input.emails, phones: input.phones, externalIds: input.externalIds };
  await assertIdentitiesFree(trx, { workspaceId: ws, contactId: null, identities });

  const contact = await insertContact(trx, {
    id: deps.ids.next(),
    workspaceId: ws,
    name: input.name,
    language: input.language ?? null,
    timeZone: input.timeZone ?? null,
    isVip: input.isVip,
    organizationId: input.organizationId ?? null,
    attributes: input.attributes,
    at: now,
  });
  await replaceIdentities(trx, {
    workspaceId: ws,
    contactId: contact.id,
    identities,
    newId: () => deps.ids.next(),
  });
  await appendEvents(trx, actor, now, [
    {
      subjectType: 'contact',
      subjectId: contact.id,
      type: 'contact.created',
      data: {
        name: contact.name,
        organizationId: contact.organization_id,
        isVip: contact.is_vip,
      },
    },
  ]);
  const stored = await listIdentities(trx, ws, [contact.id]);
  return toContactDto(contact, stored.get(contact.id));
}
