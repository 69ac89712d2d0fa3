/**
 * Changes a contact as one write: identity lists given replace the stored ones, attributes
 * merge (null deletes a key), and one `contact.updated` event lists each field's from/to.
 * Existing tickets keep their organisation when the contact moves to another one, as in
 * Zendesk: the ticket records where the customer was when they asked.
 */
import { type ContactDto, DomainError, type UpdateContactInput, validationError } from '@switchboard/core';
import type { Kysely } from 'kysely';
import type { DB } from '../../../db/schema.ts';
import type { Actor } from '../../../platform/actor.ts';
import type { Deps } from '../../../platform/deps.ts';
import { appendEvents } from '../../events/events.repository.ts';
import { assertIdentitiesFree, checkOrganizationId, normalizeIdentities } from '../contact-references.ts';
import {
  type ContactPatch,
  findContact,
  type Identities,
  listIdentities,
  replaceIdentities,
  toContactDto,
  updateContact as updateContactRow,
} from '../contacts.repository.ts';
import { type Attributes, mergeAttributes } from '../merge-attributes.ts';

type Changes = Record<string, { from: unknown; to: unknown }>;

export async function updateContact(
  deps: Pick<Deps, 'clock' | 'ids'>,
  trx: Kysely<DB>,
  actor: Actor,
  input: { contactId: string; changes: UpdateContactInput },
): Promise<ContactDto> {
  const ws = actor.workspaceId;
  const now = deps.clock.now();
  const contact = await findContact(trx, ws, input.contactId, { forUpdate: true });
  if (!contact) throw new DomainError('CONTACT_NOT_FOUND', `Contact ${input.contactId} does not exist.`);
  const c = input.changes;
  const patch: ContactPatch = {};
  const changes: Changes = {};
  const set = <K extends keyof ContactPatch>(
    field: string,
    column: K,
    from: unknown,
    to: ContactPatch[K],
  ) => {
    if (JSON.stringify(from) === JSON.stringify(to)) return;
    patch[column] = to;
    changes[field] = { from, to };
  };

  if (c.name !== undefined) set('name', 'name', contact.name, c.name);
  if (c.language !== undefined) set('language', 'language', contact.language, c.language);
  if (c.timeZone !== undefined) set('timeZone', 'time_zone', contact.time_zone, c.timeZone);
  if (c.isVip !== undefined) set('isVip', 'is_vip', contact.is_vip, c.isVip);
  if (c.organizationId !== undefined && c.organizationId !== contact.organization_id) {
    const errors = await checkOrganizationId(trx, ws, c.organizationId);
    if (errors.length > 0) throw validationError(errors);
    set('organizationId', 'organization_id', contact.organization_id, c.organizationId);
  }
  if (c.attributes !== undefined) {
    const current = contact.attributes as Attributes;
    set('attributes', 'attributes', current, mergeAttributes(current, c.attributes));
  }

  const current = (await listIdentities(trx, ws, [contact.id])).get(contact.id);
  const next: Identities = { emails: [], phones: [], externalIds: [], ...current };
  const replaced: Partial<Identities> = {};
  for (const [field, kind] of [
    ['emails', 'email'],
    ['phones', 'phone'],
    ['externalIds', 'external'],
  ] as const) {
    const given = c[field];
    if (given === undefined) continue;
    const from = [...next[field]].sort();
    const to = normalizeIdentities(kind, given);
    if (JSON.stringify(from) === JSON.stringify(to)) continue;
    replaced[field] = given;
    next[field] = to;
    changes[field] = { from, to };
  }
  if (Object.keys(changes).length === 0) return toContactDto(contact, next);

  await assertIdentitiesFree(trx, { workspaceId: ws, contactId: contact.id, identities: replaced });
  await replaceIdentities(trx, {
    workspaceId: ws,
    contactId: contact.id,
    identities: replaced,
    newId: () => deps.ids.next(),
  });
  const updated = await updateContactRow(trx, ws, contact.id, { ...patch, updated_at: now });
  await appendEvents(trx, actor, now, [
    { subjectType: 'contact', subjectId: contact.id, type: 'contact.updated', data: { changes } },
  ]);
  const stored = await listIdentities(trx, ws, [contact.id]);
  return toContactDto(updated, stored.get(contact.id));
}
