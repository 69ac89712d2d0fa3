/**
 * create_child_tickets: one ticket per team, linked to the parent, for the same requester.
 * The child's first message is an internal system note (the customer wrote nothing new), and
 * the parent's timeline records each link, so the parent sees its children's progress.
 */
import { createTicket } from '../../tickets/commands/create-ticket.ts';
import type { EffectContext } from './effect-context.ts';

export async function applyChildTicketsEffect(
  ctx: EffectContext,
  effect: { children: { teamId: string; subject: string; body: string | null }[] },
): Promise<void> {
  const parent = ctx.facts.ticket;
  for (const child of effect.children) {
    await createTicket(
      ctx.deps,
      ctx.trx,
      ctx.actor,
      {
        subject: child.subject,
        requester: { id: parent.requesterId },
        message: {
          bodyText: child.body ?? `#${parent.number} ${parent.subject}`,
          visibility: 'internal',
        },
        channel: parent.channel,
        status: 'open',
        priority: parent.priority,
        tags: [],
        customFields: {},
        teamId: child.teamId,
        parentId: parent.id,
      },
      { firstMessageAuthor: 'system' },
    );
  }
}
