/**
 * Merges a duplicate into the ticket that carries on: the source's messages move to the
 * target (keeping `originalTicketId`), both get a system note, the source closes with
 * `mergedIntoId` set, and search over the target finds the source's words.
 */
import { DomainError, type TicketDto } from '@switchboard/core';
import type { Kysely } from 'kysely';
import type { DB } from '../../../db/schema.ts';
import type { Actor } from '../../../platform/actor.ts';
import type { Deps } from '../../../platform/deps.ts';
import { textToHtml } from '../../../platform/html.ts';
import { appendEvents } from '../../events/events.repository.ts';
import {
  copySearchVector,
  insertMessage,
  listFollowerIds,
  moveMessages,
  toTicketDto,
  updateTicket,
} from '../tickets.repository.ts';
import { lockTicket } from './update-ticket.ts';

export async function mergeTickets(
  deps: Pick<Deps, 'clock' | 'ids'>,
  trx: Kysely<DB>,
  actor: Actor,
  input: { sourceId: string; targetId: string; expectedVersion?: number },
): Promise<{ source: TicketDto; target: TicketDto }> {
  const ws = actor.workspaceId;
  const now = deps.clock.now();
  if (input.sourceId === input.targetId) {
    throw new DomainError('TICKET_MERGE_INVALID', 'A ticket cannot be merged into itself.');
  }
  // Lock in id order so two merges of the same pair cannot deadlock.
  const [firstId, secondId] = [input.sourceId, input.targetId].sort() as [string, string];
  const first = await lockTicket(
    trx,
    ws,
    firstId,
    firstId === input.sourceId ? input.expectedVersion : undefined,
  );
  const second = await lockTicket(
    trx,
    ws,
    secondId,
    secondId === input.sourceId ? input.expectedVersion : undefined,
  );
  const source = first.id === input.sourceId ? first : second;
  const target = first.id === input.sourceId ? second : first;
  if (source.status === 'closed' || target.status === 'closed') {
    throw new DomainError('TICKET_MERGE_INVALID', 'Closed tickets cannot be merged.', {
      closed: [source, target].filter((t) => t.status === 'closed').map((t) => t.id),
    });
  }
  const moved = await moveMessages(trx, ws, source.id, target.id);
  await copySearchVector(trx, ws, source.id, target.id);
  const note = (ticketId: string, text: string) =>
    insertMessage(trx, {
      id: deps.ids.next(),
      workspace_id: ws,
      ticket_id: ticketId,
      original_ticket_id: ticketId,
      visibility: 'internal',
      author_type: 'system',
      author_id: null,
      channel: 'internal',
      body_html: textToHtml(text),
      body_text: text,
      metadata: { merge: { sourceId: source.id, targetId: target.id } },
      created_at: now,
    });
  await note(target.id, `Ticket #${source.number} ("${source.subject}") was merged into this ticket.`);
  await note(source.id, `This ticket was merged into ticket #${target.number}.`);
  const updatedSource = await updateTicket(trx, ws, source.id, {
    status: 'closed',
    closed_at: now,
    status_changed_at: now,
    merged_into_id: target.id,
    updated_at: now,
  });
  const updatedTarget = await updateTicket(trx, ws, target.id, { updated_at: now });
  await appendEvents(trx, actor, now, [
    {
      subjectType: 'ticket',
      subjectId: source.id,
      type: 'ticket.merged',
      data: {
        targetId: target.id,
        targetNumber: Number(target.number),
        movedMessages: moved,
        fromStatus: source.status,
      },
    },
    {
      subjectType: 'ticket',
      subjectId: target.id,
      type: 'ticket.merge_received',
      data: { sourceId: source.id, sourceNumber: Number(source.number), movedMessages: moved },
    },
  ]);
  const followers = await listFollowerIds(trx, ws, [source.id, target.id]);
  return {
    source: toTicketDto(updatedSource, followers.get(source.id) ?? []),
    target: toTicketDto(updatedTarget, followers.get(target.id) ?? []),
  };
}
