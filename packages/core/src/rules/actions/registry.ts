/**
 * The typed registry of action types. An action whose type is not a key here cannot be
 * saved, and every key maps to exactly one module, so adding an action is adding a file
 * and a line. The functions below dispatch on `type`; nothing else switches on it.
 */
import { z } from 'zod';
import type { FieldError } from '../../errors.ts';
import { pointerTo, zodIssuesToErrors } from '../pointer.ts';
import type { RuleFacts } from '../rule-facts.ts';
import type { ActionCheckContext, ActionDefinition, RuleWrite } from './action-definition.ts';
import { addNote } from './add-note.ts';
import { addTags } from './add-tags.ts';
import { applySlaPolicy } from './apply-sla-policy.ts';
import { assignByStrategy } from './assign-by-strategy.ts';
import { callWebhook } from './call-webhook.ts';
import { createChildTickets } from './create-child-tickets.ts';
import { markSpam } from './mark-spam.ts';
import { notify } from './notify.ts';
import { removeTags } from './remove-tags.ts';
import { sendReply } from './send-reply.ts';
import { setAssignee } from './set-assignee.ts';
import { setCustomField } from './set-custom-field.ts';
import { setPriority } from './set-priority.ts';
import { setStatus } from './set-status.ts';
import { setTeam } from './set-team.ts';
import { setType } from './set-type.ts';

export const actionDefinitions = {
  set_status: setStatus,
  set_priority: setPriority,
  set_type: setType,
  set_team: setTeam,
  set_assignee: setAssignee,
  assign_by_strategy: assignByStrategy,
  add_tags: addTags,
  remove_tags: removeTags,
  set_custom_field: setCustomField,
  add_note: addNote,
  send_reply: sendReply,
  notify,
  create_child_tickets: createChildTickets,
  apply_sla_policy: applySlaPolicy,
  call_webhook: callWebhook,
  mark_spam: markSpam,
} as const;

type Definitions = typeof actionDefinitions;
export type RuleActionType = keyof Definitions;
export type RuleAction = { [K in RuleActionType]: z.output<Definitions[K]['schema']> }[RuleActionType];
export type RuleEffect = { [K in RuleActionType]: ReturnType<Definitions[K]['plan']> }[RuleActionType];

export const ruleActionTypes = Object.keys(actionDefinitions) as RuleActionType[];
export const maxRuleActions = 50;

/** Every action's shape in one schema, for OpenAPI and clients. */
export const ruleActionSchema = z.discriminatedUnion(
  'type',
  Object.values(actionDefinitions).map((definition) => definition.schema) as unknown as [
    Definitions[RuleActionType]['schema'],
    ...Definitions[RuleActionType]['schema'][],
  ],
);

function isActionType(type: unknown): type is RuleActionType {
  return typeof type === 'string' && Object.hasOwn(actionDefinitions, type);
}

// TypeScript cannot relate `actionDefinitions[action.type]` to `action` across a union, so
// dispatch goes through this one widened view; each module is still checked against its own types.
function definitionOf(type: RuleActionType): ActionDefinition<z.ZodType<RuleAction>, RuleEffect> {
  return actionDefinitions[type] as unknown as ActionDefinition<z.ZodType<RuleAction>, RuleEffect>;
}

/** The parsed action, or errors pointed under `pointer` (e.g. `/actions/2/status`). */
export function validateAction(
  input: unknown,
  pointer: string,
  context: ActionCheckContext,
): { action: RuleAction | null; errors: FieldError[] } {
  const type = typeof input === 'object' && input !== null ? (input as { type?: unknown }).type : undefined;
  if (!isActionType(type)) {
    const message = `Unknown action type ${JSON.stringify(type)}; use one of: ${ruleActionTypes.join(', ')}.`;
    return { action: null, errors: [{ pointer: pointerTo(pointer, 'type'), message }] };
  }
  const definition = definitionOf(type);
  const parsed = definition.schema.safeParse(input);
  if (!parsed.success) return { action: null, errors: zodIssuesToErrors(parsed.error.issues, pointer) };
  const errors = (definition.check?.(parsed.data, context) ?? []).map((error) => ({
    pointer: `${pointer}${error.pointer}`,
    message: error.message,
  }));
  return errors.length > 0 ? { action: null, errors } : { action: parsed.data, errors: [] };
}

/** The effect `action` asks for given `facts`. Pure. */
export function planAction(action: RuleAction, facts: RuleFacts): RuleEffect {
  return definitionOf(action.type).plan(action, facts);
}

/** The facts after `effect`, for whatever runs next in the same evaluation; never mutates. */
export function applyEffect(effect: RuleEffect, facts: RuleFacts): RuleFacts {
  const apply = definitionOf(effect.type).apply;
  return apply ? apply(effect, facts) : facts;
}

/** The ticket fields `action` writes, for cycle detection. */
export function writesOfAction(action: RuleAction): readonly RuleWrite[] {
  return definitionOf(action.type).writes?.(action) ?? [];
}
