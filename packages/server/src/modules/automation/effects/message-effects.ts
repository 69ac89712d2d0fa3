/** add_note and send_reply: inline text rendered by the engine, or a canned response rendered here. */
import { DomainError, renderTemplate, templateContextOf } from '@switchboard/core';
import { addMessage } from '../../tickets/commands/add-message.ts';
import type { EffectContext } from './effect-context.ts';

type PlannedBody = { text: string } | { cannedResponseId: string };

async function bodyText(ctx: EffectContext, body: PlannedBody, locale: string): Promise<string> {
  if ('text' in body) return body.text;
  const canned = await ctx.trx
    .selectFrom('canned_responses')
    .select('bodies')
    .where('workspace_id', '=', ctx.actor.workspaceId)
    .where('id', '=', body.cannedResponseId)
    .executeTakeFirst();
  if (!canned)
    throw new DomainError('VALIDATION_FAILED', `Canned response ${body.cannedResponseId} no longer exists.`);
  return renderTemplate(canned.bodies, templateContextOf(ctx.facts), { locale });
}

export async function applyMessageEffect(
  ctx: EffectContext,
  effect: { type: 'add_note' | 'send_reply'; body: PlannedBody; locale: string },
): Promise<void> {
  const text = await bodyText(ctx, effect.body, effect.locale);
  await addMessage(ctx.deps, ctx.trx, ctx.actor, {
    ticketId: ctx.ticketId,
    message: {
      bodyText: text,
      visibility: effect.type === 'add_note' ? 'internal' : 'public',
      author: 'me',
    },
  });
}
