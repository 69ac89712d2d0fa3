/**
 * notify: resolves the symbolic recipient now (after the rule's earlier effects, so
 * "assign, then notify the assignee" reaches the new assignee) and files one notification
 * per person in the outbox. The email channel delivers the outbox; until then it is visible
 * through the API. A recipient with no address is recorded as skipped, not dropped.
 */
import type { NotifyRecipient } from '@switchboard/core';
import { textToHtml } from '../../../platform/html.ts';
import { queueNotificationEmails } from '../../email/outbound/queue-notification-email.ts';
import type { EffectContext } from './effect-context.ts';

type Person = { kind: 'agent' | 'team' | 'requester'; id: string | null; address: string | null };

async function recipients(ctx: EffectContext, to: NotifyRecipient): Promise<Person[]> {
  const ws = ctx.actor.workspaceId;
  const ticket = await ctx.trx
    .selectFrom('tickets')
    .select(['assignee_id', 'team_id', 'requester_id'])
    .where('workspace_id', '=', ws)
    .where('id', '=', ctx.ticketId)
    .executeTakeFirstOrThrow();
  const agents = async (ids: string[], kind: 'agent' | 'team') => {
    if (ids.length === 0) return [];
    const rows = await ctx.trx
      .selectFrom('users')
      .select(['id', 'email'])
      .where('workspace_id', '=', ws)
      .where('id', 'in', ids)
      .where('deactivated_at', 'is', null)
      .execute();
    return rows.map((u) => ({ kind, id: u.id, address: u.email }));
  };
  if (to.kind === 'assignee') return agents(ticket.assignee_id ? [ticket.assignee_id] : [], 'agent');
  if (to.kind === 'agent') return agents([to.agentId], 'agent');
  if (to.kind === 'team') {
    const teamId = to.teamId ?? ticket.team_id;
    if (!teamId) return [];
    const members = await ctx.trx
      .selectFrom('team_members')
      .select('user_id')
      .where('workspace_id', '=', ws)
      .where('team_id', '=', teamId)
      .execute();
    return agents(
      members.map((m) => m.user_id),
      'team',
    );
  }
  const email = await ctx.trx
    .selectFrom('contact_identities')
    .select('value')
    .where('workspace_id', '=', ws)
    .where('contact_id', '=', ticket.requester_id)
    .where('kind', '=', 'email')
    .orderBy('created_at')
    .limit(1)
    .executeTakeFirst();
  return [{ kind: 'requester', id: ticket.requester_id, address: email?.value ?? null }];
}

export async function applyNotifyEffect(
  ctx: EffectContext,
  effect: { to: NotifyRecipient; subject: string; body: string; locale: string },
): Promise<void> {
  const people = await recipients(ctx, effect.to);
  if (people.length === 0) return;
  const now = ctx.deps.clock.now();
  const filed = await ctx.trx
    .insertInto('notifications')
    .values(
      people.map((p) => ({
        id: ctx.deps.ids.next(),
        workspace_id: ctx.actor.workspaceId,
        ticket_id: ctx.ticketId,
        recipient_kind: p.kind,
        recipient_id: p.id,
        recipient_address: p.address,
        subject: effect.subject,
        body_text: effect.body,
        body_html: textToHtml(effect.body),
        status: p.address ? 'pending' : 'skipped',
        error: p.address ? null : 'recipient has no email address',
        cause: JSON.stringify({ ruleId: ctx.ruleId, locale: effect.locale }),
        created_at: now,
      })),
    )
    .returning('id')
    .execute();
  // Mailed by the email channel: the mails and their jobs commit with the notifications.
  await queueNotificationEmails(
    ctx.deps,
    ctx.trx,
    filed.map((n) => n.id),
  );
}
