/**
 * Merges a duplicate customer into the contact that carries on (Zendesk's and Intercom's
 * "merge users"): the source's identities, tickets and authored messages move to the target,
 * tickets take the target's organisation, and the source contact is deleted. The target
 * keeps its own values and only fills gaps from the source (language, time zone, attribute
 * keys it lacks); VIP status survives if either was a VIP.
 */
import { type ContactDto, DomainError, validationError } from '@switchboard/core';
import type { Kysely } from 'kysely';
import type { DB } from '../../../db/schema.ts';
import type { Actor } from '../../../platform/actor.ts';
import type { Deps } from '../../../platform/deps.ts';
import { appendEvents, type NewEvent } from '../../events/events.repository.ts';
import { moveIdentities, reassignMessageAuthor, reassignTickets } from '../contact-merge.repository.ts';
import {
  type ContactPatch,
  type ContactRow,
  deleteContact,
  findContact,
  listIdentities,
  toContactDto,
  updateContact,
} from '../contacts.repository.ts';
import type { Attributes } from '../merge-attributes.ts';

export async function mergeContacts(
  deps: Pick<Deps, 'clock'>,
  trx: Kysely<DB>,
  actor: Actor,
  input: { sourceId: string; targetId: string },
): Promise<ContactDto> {
  const ws = actor.workspaceId;
  const now = deps.clock.now();
  if (input.sourceId === input.targetId) {
    throw validationError([
      { pointer: '/targetContactId', message: 'a contact cannot be merged into itself' },
    ]);
  }
  // Lock in id order so two merges of the same pair cannot deadlock.
  const locked = new Map<string, ContactRow | undefined>();
  for (const id of [input.sourceId, input.targetId].sort()) {
    locked.set(id, await findContact(trx, ws, id, { forUpdate: true }));
  }
  const source = locked.get(input.sourceId);
  const target = locked.get(input.targetId);
  if (!source) throw new DomainError('CONTACT_NOT_FOUND', `Contact ${input.sourceId} does not exist.`);
  if (!target) throw validationError([{ pointer: '/targetContactId', message: 'no such contact' }]);

  const movedIdentities = await moveIdentities(trx, ws, source.id, target.id);
  const tickets = await reassignTickets(trx, {
    workspaceId: ws,
    fromId: source.id,
    toId: target.id,
    organizationId: target.organization_id,
    at: now,
  });
  await reassignMessageAuthor(trx, ws, source.id, target.id);
  const { patch, changes } = fillGaps(target, source);
  const updated = await updateContact(trx, ws, target.id, { ...patch, updated_at: now });
  await deleteContact(trx, ws, source.id);

  const ticketEvents: NewEvent[] = tickets.map((t) => ({
    subjectType: 'ticket',
    subjectId: t.id,
    type: 'ticket.updated',
    data: {
      changes: {
        requesterId: { from: source.id, to: target.id },
        ...(t.organization_id !== target.organization_id
          ? { organizationId: { from: t.organization_id, to: target.organization_id } }
          : {}),
      },
      contactMerge: { sourceId: source.id, targetId: target.id },
    },
  }));
  const summary = { movedIdentities, movedTickets: tickets.length };
  await appendEvents(trx, actor, now, [
    {
      subjectType: 'contact',
      subjectId: source.id,
      type: 'contact.merged',
      data: { targetId: target.id, name: source.name, ...summary },
    },
    {
      subjectType: 'contact',
      subjectId: target.id,
      type: 'contact.merge_received',
      data: { sourceId: source.id, sourceName: source.name, changes, ...summary },
    },
    ...ticketEvents,
  ]);
  const identities = await listIdentities(trx, ws, [target.id]);
  return toContactDto(updated, identities.get(target.id));
}

function fillGaps(target: ContactRow, source: ContactRow) {
  const patch: ContactPatch = {};
  const changes: Record<string, { from: unknown; to: unknown }> = {};
  if (target.language === null && source.language !== null) {
    patch.language = source.language;
    changes.language = { from: null, to: source.language };
  }
  if (target.time_zone === null && source.time_zone !== null) {
    patch.time_zone = source.time_zone;
    changes.timeZone = { from: null, to: source.time_zone };
  }
  if (!target.is_vip && source.is_vip) {
    patch.is_vip = true;
    changes.isVip = { from: false, to: true };
  }
  const attributes = { ...(source.attributes as Attributes), ...(target.attributes as Attributes) };
  if (Object.keys(attributes).length > Object.keys(target.attributes).length) {
    patch.attributes = attributes;
    changes.attributes = { from: target.attributes, to: attributes };
  }
  return { patch, changes };
}
