/**
 * Applies one fired rule's effects in order, as the rule. Consecutive field effects are
 * merged into one ticket update; any other effect is applied where it stands, so "assign,
 * then notify the assignee" notifies the agent just chosen.
 */
import type { RuleEffect } from '@switchboard/core';
import { applySlaPolicy } from '../../sla/apply-sla-policy.ts';
import { applyAssignEffect } from './assign-effect.ts';
import { applyChildTicketsEffect } from './child-ticket-effect.ts';
import type { EffectContext } from './effect-context.ts';
import { applyMessageEffect } from './message-effects.ts';
import { applyNotifyEffect } from './notify-effect.ts';
import { applySpamEffect } from './spam-effect.ts';
import { applyFieldEffects, isFieldEffect } from './ticket-field-effects.ts';
import { applyWebhookEffect } from './webhook-effect.ts';

type OtherEffect = Exclude<RuleEffect, { type: FieldEffectType }>;
type FieldEffectType =
  | 'set_status'
  | 'set_priority'
  | 'set_type'
  | 'set_team'
  | 'set_assignee'
  | 'add_tags'
  | 'remove_tags'
  | 'set_custom_field';

const handlers: {
  [K in OtherEffect['type']]: (
    ctx: EffectContext,
    effect: Extract<OtherEffect, { type: K }>,
  ) => Promise<void>;
} = {
  add_note: applyMessageEffect,
  send_reply: applyMessageEffect,
  notify: applyNotifyEffect,
  assign_by_strategy: applyAssignEffect,
  create_child_tickets: applyChildTicketsEffect,
  apply_sla_policy: (ctx, effect) => applySlaPolicy(ctx, effect.policyId),
  call_webhook: applyWebhookEffect,
  mark_spam: (ctx) => applySpamEffect(ctx),
};

export async function applyRuleEffects(ctx: EffectContext, effects: readonly RuleEffect[]): Promise<void> {
  let pending: RuleEffect[] = [];
  for (const effect of effects) {
    if (isFieldEffect(effect)) {
      pending.push(effect);
      continue;
    }
    await applyFieldEffects(ctx, pending);
    pending = [];
    const other = effect as OtherEffect;
    const handler = handlers[other.type] as (ctx: EffectContext, effect: OtherEffect) => Promise<void>;
    await handler(ctx, other);
  }
  await applyFieldEffects(ctx, pending);
}
