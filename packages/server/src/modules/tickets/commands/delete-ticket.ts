/**
 * Deletes a ticket softly: it leaves every list and lookup, but its rows and events stay for
 * the audit log and for metrics that already counted it.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../../db/schema.ts';
import type { Actor } from '../../../platform/actor.ts';
import type { Deps } from '../../../platform/deps.ts';
import { appendEvents } from '../../events/events.repository.ts';
import { updateTicket } from '../tickets.repository.ts';
import { lockTicket } from './update-ticket.ts';

export async function deleteTicket(
  deps: Pick<Deps, 'clock'>,
  trx: Kysely<DB>,
  actor: Actor,
  input: { ticketId: string; expectedVersion?: number },
): Promise<void> {
  const now = deps.clock.now();
  const ticket = await lockTicket(trx, actor.workspaceId, input.ticketId, input.expectedVersion);
  await updateTicket(trx, actor.workspaceId, ticket.id, { deleted_at: now, updated_at: now });
  await appendEvents(trx, actor, now, [
    {
      subjectType: 'ticket',
      subjectId: ticket.id,
      type: 'ticket.deleted',
      data: { number: Number(ticket.number) },
    },
  ]);
}
