/**
 * The contract every action module fulfils. An action is data (`{ type: 'set_status',
 * status: 'solved' }`); its module says how it is validated, what effect it plans for a
 * given set of facts, which ticket fields it writes (for cycle detection) and how its
 * effect changes the facts that later rules see.
 */
import type { z } from 'zod';
import type { FieldError } from '../../errors.ts';
import type { CustomFieldDefinition } from '../../tickets/custom-fields.ts';
import type { RuleFacts, TicketFacts } from '../rule-facts.ts';
import type { KnownIds } from '../validate-conditions.ts';

export type ActionCheckContext = { customFields: readonly CustomFieldDefinition[]; knownIds?: KnownIds };

/**
 * A ticket field an action writes, named by its key in `event.changes` (`status`, `tags`,
 * `customFields.plan`). `to` is absent when the value is known only once applied (assign by
 * strategy); sets name the items `added` or `removed`.
 */
export type RuleWrite = {
  key: string;
  to?: string | number | boolean | null;
  added?: readonly string[];
  removed?: readonly string[];
};

export type ActionDefinition<S extends z.ZodType<{ type: string }>, E extends { type: string }> = {
  type: z.output<S>['type'];
  /** The action's shape; strict, so an unknown key is an error rather than silently dropped. */
  schema: S;
  /** The effect this action asks for, given the facts as they are when it runs. Pure. */
  plan: (action: z.output<S>, facts: RuleFacts) => E;
  /** Checks needing the workspace (ids, custom fields, placeholders); pointers relative to the action. */
  check?: (action: z.output<S>, context: ActionCheckContext) => FieldError[];
  writes?: (action: z.output<S>) => readonly RuleWrite[];
  /** The facts after the effect, as later actions and rules in the same run should see them. */
  apply?: (effect: E, facts: RuleFacts) => RuleFacts;
};

export function defineAction<S extends z.ZodType<{ type: string }>, E extends { type: string }>(
  definition: ActionDefinition<S, E>,
): ActionDefinition<S, E> {
  return definition;
}

/** The facts with the ticket patched and marked updated now; never mutates `facts`. */
export function withTicket(facts: RuleFacts, patch: Partial<TicketFacts>): RuleFacts {
  return { ...facts, ticket: { ...facts.ticket, ...patch, updatedAtMs: facts.nowMs } };
}
