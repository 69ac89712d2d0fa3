/** The rule and rule-set shapes: the wire schema for clients and the types the engine works on. */
import { z } from 'zod';
import { maxRuleActions, type RuleAction, ruleActionSchema } from './actions/registry.ts';
import { type RuleCondition, ruleConditionSchema } from './conditions.ts';
import { type RuleEventType, type RuleKind, ruleKinds, updateEventTypes } from './rule-facts.ts';

export const ruleSetModes = ['first_match', 'all_matches'] as const;
export type RuleSetMode = (typeof ruleSetModes)[number];

/** A validated rule, as validateRule returns it and as it is stored. */
export type Rule = {
  name: string;
  description: string | null;
  kind: RuleKind;
  enabled: boolean;
  /** Update rules only: the event types that trigger it; null means every update event. */
  events: readonly RuleEventType[] | null;
  /** Skip events whose performer is this very rule (on by default). */
  ignoreOwnChanges: boolean;
  conditions: RuleCondition;
  actions: readonly RuleAction[];
};

/** A rule with the id the server gave it; rule sets, run logs and cascades name rules by id. */
export type StoredRule = Rule & { id: string };

/** Rules in order. first_match stops at the first rule that fires; all_matches runs them all. */
export type RuleSet = { mode: RuleSetMode; rules: readonly StoredRule[] };

export const ruleFieldsSchema = {
  name: z.string().trim().min(1).max(200),
  description: z.string().trim().max(2000).nullable().optional(),
  kind: z.enum(ruleKinds),
  enabled: z.boolean().default(true),
  events: z
    .array(z.enum(updateEventTypes as [RuleEventType, ...RuleEventType[]]))
    .min(1)
    .max(updateEventTypes.length)
    .optional()
    .describe('Update rules only: which events trigger the rule. Default all of them.'),
  ignoreOwnChanges: z.boolean().default(true).describe('Skip changes this rule itself made.'),
};

/**
 * The shape of a rule in requests, for OpenAPI and clients. It checks shape only; send the
 * body through validateRule, which adds the registry's checks and exact error pointers.
 */
export const ruleInputSchema = z.strictObject({
  ...ruleFieldsSchema,
  conditions: ruleConditionSchema,
  actions: z.array(ruleActionSchema).min(1).max(maxRuleActions),
});
export type RuleInput = z.input<typeof ruleInputSchema>;
