/**
 * call_webhook: records a delivery and enqueues its job in the same transaction, so the
 * webhook is called if and only if the rule's change committed. The HTTP call itself runs in
 * the job (never inside a transaction), signed and retried with backoff.
 */
import { DomainError } from '@switchboard/core';
import { findTicket, listFollowerIds, toTicketDto } from '../../tickets/tickets.repository.ts';
import type { EffectContext } from './effect-context.ts';

export const WEBHOOK_QUEUE = 'webhook.deliver';

export async function applyWebhookEffect(ctx: EffectContext, effect: { webhookId: string }): Promise<void> {
  const ws = ctx.actor.workspaceId;
  const webhook = await ctx.trx
    .selectFrom('webhooks')
    .select(['id', 'enabled'])
    .where('workspace_id', '=', ws)
    .where('id', '=', effect.webhookId)
    .executeTakeFirst();
  if (!webhook) throw new DomainError('VALIDATION_FAILED', `Webhook ${effect.webhookId} no longer exists.`);
  if (!webhook.enabled) return;
  if (!ctx.deps.jobs) throw new DomainError('SERVICE_UNAVAILABLE', 'The job queue is not running.');
  const ticket = await findTicket(ctx.trx, ws, ctx.ticketId);
  if (!ticket) return;
  const followers = await listFollowerIds(ctx.trx, ws, [ticket.id]);
  const now = ctx.deps.clock.now();
  const id = ctx.deps.ids.next();
  const payload = {
    id,
    type: 'rule.fired',
    occurredAt: now.toISOString(),
    workspaceId: ws,
    ruleId: ctx.ruleId,
    ticket: toTicketDto(ticket, followers.get(ticket.id) ?? []),
  };
  await ctx.trx
    .insertInto('webhook_deliveries')
    .values({
      id,
      workspace_id: ws,
      webhook_id: webhook.id,
      ticket_id: ticket.id,
      rule_id: ctx.ruleId,
      payload: JSON.stringify(payload),
      status: 'pending',
      created_at: now,
    })
    .execute();
  await ctx.deps.jobs.send(ctx.trx, WEBHOOK_QUEUE, { workspaceId: ws, deliveryId: id });
}
