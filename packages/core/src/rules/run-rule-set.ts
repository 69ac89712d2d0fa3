/**
 * Running an ordered rule set for one event. Rules not triggered by the event (kind,
 * events filter, disabled) are passed over silently; every rule actually considered gets a
 * RuleRun for the run log, including failures, which are recorded and never read as "did
 * not match". In all_matches mode the effects of each fired rule are applied to the facts
 * before the next rule is evaluated, so a rule that raises priority to urgent lets a later
 * "priority is urgent" rule fire in the same run. Only the ticket snapshot moves: the
 * triggering event and its `changes` stay as they were, because the fired rule's changes
 * come back as their own event through the cascade.
 */
import type { RuleEffect } from './actions/registry.ts';
import type { ConditionTrace } from './compile-condition.ts';
import { type CompiledRule, compileRule, evaluateRule } from './evaluate-rule.ts';
import type { RuleEventType, RuleFacts } from './rule-facts.ts';
import type { Rule, RuleSet, RuleSetMode } from './rule-schema.ts';

export type RuleRun = {
  ruleId: string;
  outcome: 'matched' | 'not_matched' | 'skipped' | 'failed';
  effects: RuleEffect[];
  /** For skipped: the rule already fired in this cascade, or the event is its own change. */
  skipReason?: 'fired_earlier_in_cascade' | 'own_change';
  /** For failed: what went wrong. */
  error?: string;
  trace?: ConditionTrace[];
};

export type RuleSetRun = {
  runs: RuleRun[];
  /** The matched runs, in order: what the server applies. */
  fired: { ruleId: string; effects: RuleEffect[] }[];
  /** The facts after every fired rule's effects. */
  facts: RuleFacts;
};

type CompiledEntry = { id: string; rule: Rule; compiled: CompiledRule | null; compileError: string | null };
export type CompiledRuleSet = { mode: RuleSetMode; entries: readonly CompiledEntry[] };

/** Compiles every rule once; a rule that fails to compile is kept and reported as failed when run. */
export function compileRuleSet(ruleSet: RuleSet): CompiledRuleSet {
  const entries = ruleSet.rules.map(({ id, ...rule }) => {
    try {
      return { id, rule, compiled: compileRule(rule), compileError: null };
    } catch (error) {
      return {
        id,
        rule,
        compiled: null,
        compileError: error instanceof Error ? error.message : String(error),
      };
    }
  });
  return { mode: ruleSet.mode, entries };
}

/** Whether an event of this type triggers the rule: creation rules on ticket.created, time rules on ticket.time_elapsed. */
export function isRuleTriggeredBy(
  rule: Pick<Rule, 'kind' | 'enabled' | 'events'>,
  eventType: RuleEventType,
): boolean {
  if (!rule.enabled) return false;
  if (rule.kind === 'creation') return eventType === 'ticket.created';
  if (rule.kind === 'time') return eventType === 'ticket.time_elapsed';
  if (eventType === 'ticket.created' || eventType === 'ticket.time_elapsed') return false;
  return rule.events === null || rule.events.includes(eventType);
}

function skipReasonOf(
  entry: CompiledEntry,
  facts: RuleFacts,
  skip: ReadonlySet<string>,
): RuleRun['skipReason'] {
  if (skip.has(entry.id)) return 'fired_earlier_in_cascade';
  const isOwn = facts.performer.type === 'rule' && facts.performer.ruleId === entry.id;
  return entry.rule.ignoreOwnChanges && isOwn ? 'own_change' : undefined;
}

function runOne(entry: CompiledEntry, facts: RuleFacts, trace: boolean): { run: RuleRun; facts: RuleFacts } {
  try {
    if (!entry.compiled) throw new Error(entry.compileError ?? 'The rule did not compile.');
    const result = evaluateRule(entry.compiled, facts, { trace });
    const outcome = result.matched ? 'matched' : 'not_matched';
    const run: RuleRun = {
      ruleId: entry.id,
      outcome,
      effects: result.effects,
      ...(result.trace ? { trace: result.trace } : {}),
    };
    return { run, facts: result.facts };
  } catch (error) {
    // Recorded, not swallowed: the run log shows the admin which rule failed and why.
    const message = error instanceof Error ? error.message : String(error);
    return { run: { ruleId: entry.id, outcome: 'failed', effects: [], error: message }, facts };
  }
}

/** Runs the rules triggered by `facts.event.type`, in order, under the set's mode. Pure. */
export function runRuleSet(
  ruleSet: RuleSet | CompiledRuleSet,
  facts: RuleFacts,
  options: { skipRuleIds?: Iterable<string>; trace?: boolean } = {},
): RuleSetRun {
  const compiled = 'entries' in ruleSet ? ruleSet : compileRuleSet(ruleSet);
  const skip = new Set(options.skipRuleIds ?? []);
  const runs: RuleRun[] = [];
  const fired: RuleSetRun['fired'] = [];
  let current = facts;
  for (const entry of compiled.entries) {
    if (!isRuleTriggeredBy(entry.rule, facts.event.type)) continue;
    const skipReason = skipReasonOf(entry, facts, skip);
    if (skipReason) {
      runs.push({ ruleId: entry.id, outcome: 'skipped', effects: [], skipReason });
      continue;
    }
    const result = runOne(entry, current, options.trace ?? false);
    runs.push(result.run);
    if (result.run.outcome !== 'matched') continue;
    fired.push({ ruleId: entry.id, effects: result.run.effects });
    current = result.facts;
    if (compiled.mode === 'first_match') break;
  }
  return { runs, fired, facts: current };
}
