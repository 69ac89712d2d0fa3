/**
 * Changes ticket fields as one write: validates every field first (reporting all problems
 * together), refuses a stale write when the caller sent the version it read (If-Match), and
 * records one `ticket.updated` event listing each field's from/to.
 */
import {
  assertTransition,
  DomainError,
  type FieldError,
  indexTerms,
  missingRequiredFields,
  searchableText,
  type TicketDto,
  type UpdateTicketInput,
  validateCustomFieldValues,
  validationError,
} from '@switchboard/core';
import type { Kysely } from 'kysely';
import type { DB } from '../../../db/schema.ts';
import type { Actor } from '../../../platform/actor.ts';
import type { Deps } from '../../../platform/deps.ts';
import { findContact } from '../../contacts/contacts.repository.ts';
import { listCustomFieldDefinitions } from '../../custom-fields/custom-fields.repository.ts';
import { appendEvents, type NewEvent } from '../../events/events.repository.ts';
import { checkTicketReferences } from '../ticket-references.ts';
import {
  findTicket,
  listFollowerIds,
  listMessages,
  replaceFollowers,
  type TicketPatch,
  type TicketRecord,
  toTicketDto,
  updateTicket as updateTicketRow,
} from '../tickets.repository.ts';

export type Changes = Record<string, { from: unknown; to: unknown }>;

export async function lockTicket(
  trx: Kysely<DB>,
  workspaceId: string,
  ticketId: string,
  expectedVersion?: number,
): Promise<TicketRecord> {
  const ticket = await findTicket(trx, workspaceId, ticketId, { forUpdate: true });
  if (!ticket) throw new DomainError('TICKET_NOT_FOUND', `Ticket ${ticketId} does not exist.`);
  if (expectedVersion !== undefined && expectedVersion !== ticket.version) {
    throw new DomainError(
      'TICKET_VERSION_MISMATCH',
      `The ticket is at version ${ticket.version}; your change was based on version ${expectedVersion}. Reload it and apply your change again.`,
      { currentVersion: ticket.version },
    );
  }
  return ticket;
}

export async function updateTicket(
  deps: Pick<Deps, 'clock'>,
  trx: Kysely<DB>,
  actor: Actor,
  input: { ticketId: string; expectedVersion?: number; changes: UpdateTicketInput },
): Promise<TicketDto> {
  const ws = actor.workspaceId;
  const now = deps.clock.now();
  const ticket = await lockTicket(trx, ws, input.ticketId, input.expectedVersion);
  if (ticket.status === 'closed') {
    throw new DomainError('TICKET_CLOSED', `Ticket #${ticket.number} is closed and can no longer change.`);
  }
  const c = input.changes;
  const errors: FieldError[] = [];
  const patch: TicketPatch = {};
  const changes: Changes = {};
  const set = <K extends keyof TicketPatch>(field: string, column: K, from: unknown, to: TicketPatch[K]) => {
    if (JSON.stringify(from) === JSON.stringify(to)) return;
    patch[column] = to;
    changes[field] = { from, to };
  };

  if (c.subject !== undefined) set('subject', 'subject', ticket.subject, c.subject);
  if (c.priority !== undefined) set('priority', 'priority', ticket.priority, c.priority);
  if (c.type !== undefined) set('type', 'type', ticket.type, c.type);
  if (c.language !== undefined) set('language', 'language', ticket.language, c.language);
  const tags = nextTags(ticket.tags, c);
  if (tags) set('tags', 'tags', ticket.tags, tags);

  const definitions = await listCustomFieldDefinitions(trx, ws);
  let customFields = ticket.custom_fields;
  if (c.customFields !== undefined) {
    const checked = validateCustomFieldValues(definitions, c.customFields);
    errors.push(...checked.errors);
    customFields = mergeCustomFields(ticket.custom_fields, checked.values);
    if (JSON.stringify(customFields) !== JSON.stringify(ticket.custom_fields)) {
      patch.custom_fields = customFields;
      changes.customFields = { from: ticket.custom_fields, to: customFields };
    }
  }
  if (c.status !== undefined && c.status !== ticket.status) {
    assertTransition(ticket.status, c.status);
    if (c.status === 'solved') errors.push(...missingRequiredFields(definitions, customFields));
    set('status', 'status', ticket.status, c.status);
    Object.assign(patch, statusTimestamps(c.status, now));
  }
  errors.push(...(await checkTicketReferences(trx, ws, c, { ticketId: ticket.id })));
  if (c.requesterId !== undefined && c.requesterId !== ticket.requester_id) {
    const requester = await findContact(trx, ws, c.requesterId);
    if (!requester) errors.push({ pointer: '/requesterId', message: 'no such contact' });
    else {
      set('requesterId', 'requester_id', ticket.requester_id, requester.id);
      set('organizationId', 'organization_id', ticket.organization_id, requester.organization_id);
    }
  }
  if (errors.length > 0) throw validationError(errors);
  if (c.assigneeId !== undefined) set('assigneeId', 'assignee_id', ticket.assignee_id, c.assigneeId);
  if (c.teamId !== undefined) set('teamId', 'team_id', ticket.team_id, c.teamId);
  if (c.parentId !== undefined) set('parentId', 'parent_id', ticket.parent_id, c.parentId);

  const followers = (await listFollowerIds(trx, ws, [ticket.id])).get(ticket.id) ?? [];
  const nextFollowers = c.followerIds ? [...new Set(c.followerIds)].sort() : followers;
  const followersChanged = JSON.stringify(nextFollowers) !== JSON.stringify(followers);
  if (followersChanged) changes.followerIds = { from: followers, to: nextFollowers };

  if (Object.keys(changes).length === 0) return toTicketDto(ticket, followers);
  if (followersChanged) await replaceFollowers(trx, ws, ticket.id, nextFollowers);
  if (patch.subject !== undefined) {
    const messages = await listMessages(trx, ws, ticket.id);
    patch.replaceSearchTerms = indexTerms(
      searchableText([patch.subject, ...messages.map((m) => m.body_text)]),
    );
  }
  patch.updated_at = now;
  const updated = await updateTicketRow(trx, ws, ticket.id, patch);
  await appendEvents(trx, actor, now, [
    { subjectType: 'ticket', subjectId: ticket.id, type: 'ticket.updated', data: { changes } },
    ...parentLinkEvents(ticket.id, changes.parentId),
  ]);
  return toTicketDto(updated, nextFollowers);
}

function nextTags(current: string[], c: UpdateTicketInput): string[] | null {
  if (c.tags) return [...new Set(c.tags)];
  if (!c.addTags && !c.removeTags) return null;
  const remove = new Set(c.removeTags ?? []);
  return [...new Set([...current, ...(c.addTags ?? [])])].filter((t) => !remove.has(t));
}

function mergeCustomFields(
  current: Record<string, string | number | boolean | null>,
  changes: Record<string, string | number | boolean | null>,
) {
  const merged = { ...current, ...changes };
  for (const [key, value] of Object.entries(merged)) if (value === null) delete merged[key];
  return merged;
}

/** solved_at/closed_at follow the status: reopening a solved ticket clears its solve time. */
export function statusTimestamps(
  status: string,
  now: Date,
): Pick<TicketPatch, 'solved_at' | 'closed_at' | 'status_changed_at'> {
  if (status === 'solved') return { solved_at: now, status_changed_at: now };
  if (status === 'closed') return { closed_at: now, status_changed_at: now };
  return { solved_at: null, status_changed_at: now };
}

function parentLinkEvents(ticketId: string, change: { from: unknown; to: unknown } | undefined): NewEvent[] {
  if (!change) return [];
  const events: NewEvent[] = [];
  if (typeof change.from === 'string') {
    events.push({
      subjectType: 'ticket',
      subjectId: change.from,
      type: 'ticket.child_unlinked',
      data: { childId: ticketId },
    });
  }
  if (typeof change.to === 'string') {
    events.push({
      subjectType: 'ticket',
      subjectId: change.to,
      type: 'ticket.child_linked',
      data: { childId: ticketId },
    });
  }
  return events;
}
