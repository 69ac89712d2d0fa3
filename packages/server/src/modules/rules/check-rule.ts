/**
 * The checks every saved rule passes, whether created, changed or previewed unsaved:
 * validateRule against the workspace (fields, operators, values, regexes, actions, the ids
 * they name), the rule set's kind, the time anchor of time rules, and, for enabled update
 * rules, loops with the other enabled update rules (the cascade guards would stop a loop at
 * run time, but the admin should learn of it before it happens).
 */
import {
  DomainError,
  type FieldError,
  findRuleCycles,
  type Rule,
  type RuleKind,
  type TimeAnchor,
  timeAnchorOf,
  validateRule,
  validationError,
} from '@switchboard/core';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { toStoredRule } from '../automation/rules.repository.ts';
import { loadRuleValidationContext } from './rule-references.repository.ts';
import { listEnabledUpdateRules } from './rules-admin.repository.ts';

export type CheckedRule = { rule: Rule; timeAnchor: TimeAnchor | null };

const prefixed = (errors: FieldError[], prefix: string) =>
  errors.map((e) => ({ pointer: `${prefix}${e.pointer}`, message: e.message }));

/**
 * The rule, validated; throws VALIDATION_FAILED listing every problem, with pointers into the
 * request (`prefix` when the rule sits inside it) plus `extraErrors` found by the caller.
 */
export async function validateRuleBody(
  trx: Kysely<DB>,
  workspaceId: string,
  input: {
    ruleId: string;
    body: unknown;
    setKind?: RuleKind | undefined;
    prefix?: string;
    extraErrors?: FieldError[];
  },
): Promise<CheckedRule> {
  const prefix = input.prefix ?? '';
  const context = await loadRuleValidationContext(trx, workspaceId, input.ruleId);
  const checked = validateRule(input.body, context);
  const errors = [...(input.extraErrors ?? []), ...(checked.ok ? [] : prefixed(checked.errors, prefix))];
  const kind = (input.body as { kind?: unknown } | null)?.kind;
  if (input.setKind && typeof kind === 'string' && kind !== input.setKind) {
    errors.push({
      pointer: `${prefix}/kind`,
      message: `The rule set holds ${input.setKind} rules; this rule is a ${kind} rule.`,
    });
  }
  if (!checked.ok || errors.length > 0) throw validationError(errors);
  const timeAnchor = timeAnchorOf(checked.rule);
  // validateRule refuses a time rule without a threshold; this keeps the stored row honest if that changes.
  if (checked.rule.kind === 'time' && !timeAnchor) {
    throw validationError([
      { pointer: `${prefix}/conditions`, message: 'A time rule needs one hoursSince… threshold.' },
    ]);
  }
  return { rule: checked.rule, timeAnchor };
}

/** Refuses an enabled update rule that would re-trigger, or be re-triggered by, other enabled rules. */
export async function refuseRuleCycles(
  trx: Kysely<DB>,
  workspaceId: string,
  candidate: Rule & { id: string },
): Promise<void> {
  if (!candidate.enabled || candidate.kind !== 'update') return;
  const others = (await listEnabledUpdateRules(trx, workspaceId)).filter((row) => row.id !== candidate.id);
  const names = new Map([...others.map((r) => [r.id, r.name] as const), [candidate.id, candidate.name]]);
  const cycles = findRuleCycles([...others.map(toStoredRule), candidate]).filter((cycle) =>
    cycle.ruleIds.includes(candidate.id),
  );
  if (cycles.length === 0) return;
  const named = cycles.map((cycle) => ({
    ...cycle,
    rules: cycle.ruleIds.map((id) => ({ id, name: names.get(id) ?? id })),
  }));
  const list = (named[0]?.rules ?? []).map((r) => `'${r.name}'`).join(', ');
  throw new DomainError(
    'RULE_CYCLE_DETECTED',
    `Rules ${list} would re-trigger each other. Change a condition or disable one of them.`,
    { cycles: named },
  );
}
