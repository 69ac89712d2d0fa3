/**
 * Field effects of one rule (status, priority, type, team, assignee, tags, custom fields)
 * become ONE ticket update, so the timeline shows one change by the rule, not seven.
 */
import type { RuleEffect, UpdateTicketInput } from '@switchboard/core';
import { updateTicket } from '../../tickets/commands/update-ticket.ts';
import type { EffectContext } from './effect-context.ts';

const fieldEffectTypes = new Set([
  'set_status',
  'set_priority',
  'set_type',
  'set_team',
  'set_assignee',
  'add_tags',
  'remove_tags',
  'set_custom_field',
]);

export function isFieldEffect(effect: RuleEffect): boolean {
  return fieldEffectTypes.has(effect.type);
}

/** A later add cancels an earlier remove of the same tag, and the reverse. */
function moveTags(tags: readonly string[], from: Set<string>, to: Set<string>): void {
  for (const tag of tags) {
    from.delete(tag);
    to.add(tag);
  }
}

export function fieldChangesOf(effects: readonly RuleEffect[]): UpdateTicketInput | null {
  const changes: UpdateTicketInput = {};
  const addTags = new Set<string>();
  const removeTags = new Set<string>();
  const customFields: Record<string, unknown> = {};
  for (const e of effects) {
    if (e.type === 'set_status') changes.status = e.status;
    else if (e.type === 'set_priority') changes.priority = e.priority;
    else if (e.type === 'set_type') changes.type = e.ticketType;
    else if (e.type === 'set_team') changes.teamId = e.teamId;
    else if (e.type === 'set_assignee') changes.assigneeId = e.assigneeId;
    else if (e.type === 'add_tags') moveTags(e.tags, removeTags, addTags);
    else if (e.type === 'remove_tags') moveTags(e.tags, addTags, removeTags);
    else if (e.type === 'set_custom_field') customFields[e.key] = e.value;
  }
  if (addTags.size > 0) changes.addTags = [...addTags];
  if (removeTags.size > 0) changes.removeTags = [...removeTags];
  if (Object.keys(customFields).length > 0) changes.customFields = customFields;
  return Object.keys(changes).length > 0 ? changes : null;
}

export async function applyFieldEffects(ctx: EffectContext, effects: readonly RuleEffect[]): Promise<void> {
  const changes = fieldChangesOf(effects);
  if (!changes) return;
  await updateTicket(ctx.deps, ctx.trx, ctx.actor, { ticketId: ctx.ticketId, changes });
}
