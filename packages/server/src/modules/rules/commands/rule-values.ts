/** A rule's columns, its request shape, and the diff recorded in rule.updated events. */
import { DomainError, type Rule } from '@switchboard/core';
import type { Kysely } from 'kysely';
import type { DB } from '../../../db/schema.ts';
import type { RuleRow } from '../../automation/rules.repository.ts';
import type { CheckedRule } from '../check-rule.ts';
import { findRule, type RuleValues } from '../rules-admin.repository.ts';

export function ruleValuesOf({
  rule,
  timeAnchor,
}: CheckedRule): Omit<RuleValues, 'rule_set_id' | 'position' | 'updated_at'> {
  return {
    name: rule.name,
    description: rule.description,
    kind: rule.kind,
    enabled: rule.enabled,
    events: rule.events ? [...rule.events] : null,
    ignore_own_changes: rule.ignoreOwnChanges,
    conditions: JSON.stringify(rule.conditions),
    actions: JSON.stringify(rule.actions),
    time_anchor: timeAnchor,
  };
}

/** A stored rule in request shape (events null = every update event), to merge a partial change into. */
export function ruleBodyOf(row: RuleRow): Record<string, unknown> {
  return {
    name: row.name,
    description: row.description,
    kind: row.kind,
    enabled: row.enabled,
    events: row.events,
    ignoreOwnChanges: row.ignore_own_changes,
    conditions: row.conditions,
    actions: row.actions,
  };
}

export function bodyOfRule(rule: Rule): Record<string, unknown> {
  return { ...rule, events: rule.events ?? null };
}

// jsonb stores object keys in its own order, so compare with keys sorted.
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

/** `{ field: { from, to } }` for each field that differs. */
export function diffRuleBodies(
  before: Record<string, unknown>,
  after: Record<string, unknown>,
): Record<string, { from: unknown; to: unknown }> {
  const changes: Record<string, { from: unknown; to: unknown }> = {};
  for (const key of Object.keys(before)) {
    if (canonical(before[key]) !== canonical(after[key]))
      changes[key] = { from: before[key] ?? null, to: after[key] ?? null };
  }
  return changes;
}

export async function lockRule(trx: Kysely<DB>, workspaceId: string, ruleId: string): Promise<RuleRow> {
  const row = await findRule(trx, workspaceId, ruleId, { forUpdate: true });
  if (!row) throw new DomainError('RULE_NOT_FOUND', `Rule ${ruleId} does not exist.`);
  return row;
}
