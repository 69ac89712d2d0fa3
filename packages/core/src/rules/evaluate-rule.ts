/**
 * Evaluating one rule: its conditions against the facts, then, if they hold, its actions
 * planned in order. Each planned effect is applied to the facts before the next action is
 * planned, so `set_priority urgent` followed by a reply quoting `{{ticket.priority}}` says
 * 'urgent'. Pure and deterministic: the same rule and facts always give the same result.
 */
import { applyEffect, planAction, type RuleEffect } from './actions/registry.ts';
import {
  type CompiledCondition,
  type ConditionTrace,
  compileCondition,
  traceCondition,
} from './compile-condition.ts';
import type { RuleFacts } from './rule-facts.ts';
import type { Rule } from './rule-schema.ts';

export type CompiledRule = {
  rule: Rule;
  condition: CompiledCondition;
  /** The conditions alone, as one closure. */
  test: (facts: RuleFacts) => boolean;
};

export type RuleEvaluation = {
  matched: boolean;
  /** What the rule asks the server to do, in action order; empty when not matched. */
  effects: RuleEffect[];
  /** The facts after the effects, as a later rule in an all-matches run sees them. */
  facts: RuleFacts;
  /** With `trace: true`: every leaf evaluated, in order, with the value it read. */
  trace?: ConditionTrace[];
};

/** Compiles a validated rule once; reuse the result for every evaluation. Throws on an invalid rule. */
export function compileRule(rule: Rule): CompiledRule {
  const condition = compileCondition(rule.conditions);
  return { rule, condition, test: condition.test };
}

function isCompiled(rule: Rule | CompiledRule): rule is CompiledRule {
  return 'condition' in rule && 'test' in rule;
}

/** Plans the rule's actions in order, each seeing the facts left by the one before. */
export function planRuleEffects(rule: Rule, facts: RuleFacts): { effects: RuleEffect[]; facts: RuleFacts } {
  const effects: RuleEffect[] = [];
  let current = facts;
  for (const action of rule.actions) {
    const effect = planAction(action, current);
    effects.push(effect);
    current = applyEffect(effect, current);
  }
  return { effects, facts: current };
}

/**
 * Whether the rule's conditions hold for `facts` and, if so, its effects. Does not look at
 * `enabled`, the rule's kind or its events filter (see isRuleTriggeredBy), so preview can
 * evaluate any rule against any ticket.
 */
export function evaluateRule(
  rule: Rule | CompiledRule,
  facts: RuleFacts,
  options: { trace?: boolean } = {},
): RuleEvaluation {
  const compiled = isCompiled(rule) ? rule : compileRule(rule);
  const trace: ConditionTrace[] | undefined = options.trace ? [] : undefined;
  const matched = trace ? traceCondition(compiled.condition, facts, trace) : compiled.test(facts);
  const planned = matched ? planRuleEffects(compiled.rule, facts) : { effects: [], facts };
  return { matched, ...planned, ...(trace ? { trace } : {}) };
}
