/** mark_spam: tags the ticket 'spam' and removes it from every view (soft delete, kept for audit). */
import { deleteTicket } from '../../tickets/commands/delete-ticket.ts';
import { updateTicket } from '../../tickets/commands/update-ticket.ts';
import type { EffectContext } from './effect-context.ts';

export async function applySpamEffect(ctx: EffectContext): Promise<void> {
  await updateTicket(ctx.deps, ctx.trx, ctx.actor, {
    ticketId: ctx.ticketId,
    changes: { addTags: ['spam'] },
  });
  await deleteTicket(ctx.deps, ctx.trx, ctx.actor, { ticketId: ctx.ticketId });
}
