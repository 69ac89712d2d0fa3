/**
 * Cascades: effects applied by the server become new change events (performer type 'rule'),
 * and update rules run on those too. Three guards keep that finite, all pure:
 * - a rule fires at most once per originating change: the CascadeState for the origin
 *   collects the ids of fired rules, and later steps skip them;
 * - events more than `maxCascadeDepth` steps from the origin are not run (the step reports
 *   `halted` so the server can log it where admins see it);
 * - a rule with `ignoreOwnChanges` skips events it caused (checked inside runRuleSet).
 * The server keeps one CascadeState per originating change (all events one command writes)
 * and threads it through every event that change causes, each event carrying its depth.
 */

import { applyEffect } from './actions/registry.ts';
import type { RuleFacts, TicketFacts } from './rule-facts.ts';
import type { RuleSet } from './rule-schema.ts';
import { type CompiledRuleSet, compileRuleSet, type RuleSetRun, runRuleSet } from './run-rule-set.ts';

export const maxCascadeDepth = 5;

/** Plain JSON: the rules fired so far for one originating change. */
export type CascadeState = { firedRuleIds: readonly string[] };

export function startCascade(): CascadeState {
  return { firedRuleIds: [] };
}

export type CascadeStep = { run: RuleSetRun | null; cascade: CascadeState; halted: boolean };

/**
 * Runs the rule set for one event of a cascade. `depth` is 0 for the originating change and
 * one more than its cause for each rule-made event. Past `maxDepth` nothing runs.
 */
export function runCascadeStep(input: {
  ruleSet: RuleSet | CompiledRuleSet;
  facts: RuleFacts;
  cascade: CascadeState;
  depth: number;
  maxDepth?: number;
}): CascadeStep {
  if (input.depth > (input.maxDepth ?? maxCascadeDepth))
    return { run: null, cascade: input.cascade, halted: true };
  const run = runRuleSet(input.ruleSet, input.facts, { skipRuleIds: input.cascade.firedRuleIds });
  const fired = run.fired.map((entry) => entry.ruleId);
  return { run, cascade: { firedRuleIds: [...input.cascade.firedRuleIds, ...fired] }, halted: false };
}

const watchedTicketKeys = [
  'status',
  'priority',
  'type',
  'subject',
  'language',
  'assigneeId',
  'teamId',
] as const;

/** The `changes` a ticket.updated event would carry for this before/after pair, as the server writes them. */
export function diffTicketFacts(
  before: TicketFacts,
  after: TicketFacts,
): Record<string, { from: unknown; to: unknown }> {
  const changes: Record<string, { from: unknown; to: unknown }> = {};
  for (const key of watchedTicketKeys) {
    if (before[key] !== after[key]) changes[key] = { from: before[key], to: after[key] };
  }
  const sameTags =
    before.tags.length === after.tags.length && before.tags.every((tag) => after.tags.includes(tag));
  if (!sameTags) changes.tags = { from: before.tags, to: after.tags };
  if (JSON.stringify(before.customFields) !== JSON.stringify(after.customFields)) {
    changes.customFields = { from: before.customFields, to: after.customFields };
  }
  return changes;
}

export type SimulatedStep = { depth: number; causedByRuleId: string | null; run: RuleSetRun };

/**
 * A whole cascade without a database, for preview and tests: each fired rule's effects
 * become one ticket.updated event performed by that rule, processed breadth-first. Effects
 * only the server can resolve (assign by strategy, SLA policies) cause no further events here.
 */
export function simulateCascade(input: { ruleSet: RuleSet; facts: RuleFacts; maxDepth?: number }): {
  steps: SimulatedStep[];
  facts: RuleFacts;
  halted: boolean;
} {
  const ruleSet = compileRuleSet(input.ruleSet);
  const queue: { facts: RuleFacts; depth: number; causedByRuleId: string | null }[] = [
    { facts: input.facts, depth: 0, causedByRuleId: null },
  ];
  const steps: SimulatedStep[] = [];
  let cascade = startCascade();
  let current = input.facts;
  let halted = false;
  for (let next = queue.shift(); next; next = queue.shift()) {
    const facts =
      next.depth === 0 ? next.facts : { ...next.facts, ticket: current.ticket, assignee: current.assignee };
    const step = runCascadeStep({ ruleSet, facts, cascade, depth: next.depth, maxDepth: input.maxDepth });
    if (!step.run) {
      halted = true;
      continue;
    }
    steps.push({ depth: next.depth, causedByRuleId: next.causedByRuleId, run: step.run });
    cascade = step.cascade;
    let before = facts;
    for (const { ruleId, effects } of step.run.fired) {
      const after = effects.reduce((state, effect) => applyEffect(effect, state), before);
      const changes = diffTicketFacts(before.ticket, after.ticket);
      if (Object.keys(changes).length > 0) {
        queue.push({
          facts: ruleEvent(after, ruleId, changes),
          depth: next.depth + 1,
          causedByRuleId: ruleId,
        });
      }
      before = after;
    }
    current = before;
  }
  return { steps, facts: current, halted };
}

function ruleEvent(
  facts: RuleFacts,
  ruleId: string,
  changes: Record<string, { from: unknown; to: unknown }>,
): RuleFacts {
  return {
    ...facts,
    event: { type: 'ticket.updated', changes, slaTarget: null },
    message: null,
    performer: { type: 'rule', userId: null, role: null, ruleId },
  };
}
