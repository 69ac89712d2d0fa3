/**
 * changed, changed_from and changed_to read the triggering event's `changes`
 * (`{ status: { from, to } }`, as ticket.updated events store them). Custom fields arrive
 * as one `customFields` change holding the whole before/after objects, so a custom field's
 * change is found by comparing its key inside both. For sets (tags), changed_to 'x' means
 * "x was added" and changed_from 'x' means "x was removed".
 */
import type { RuleConditionValue } from './conditions.ts';
import type { RuleFieldSpec } from './field-registry.ts';
import type { RuleOperator } from './operators.ts';
import type { FieldChange, RuleFacts } from './rule-facts.ts';
import { equalsTest } from './value-tests.ts';

const customFieldsPrefix = 'customFields.';

function ownEntry(record: unknown, key: string): unknown {
  if (typeof record !== 'object' || record === null || !Object.hasOwn(record, key)) return null;
  return (record as Record<string, unknown>)[key] ?? null;
}

function isSameValue(from: unknown, to: unknown): boolean {
  if (Array.isArray(from) && Array.isArray(to)) {
    return from.length === to.length && from.every((item) => to.includes(item));
  }
  return (from ?? null) === (to ?? null);
}

/** The real change of `changeKey` in the triggering event, or null when it did not change. */
export function readChange(facts: RuleFacts, changeKey: string): FieldChange | null {
  const { changes } = facts.event;
  if (changeKey.startsWith(customFieldsPrefix)) {
    const custom = ownEntry(changes, 'customFields') as FieldChange | null;
    if (!custom) return null;
    const key = changeKey.slice(customFieldsPrefix.length);
    const change = { from: ownEntry(custom.from, key), to: ownEntry(custom.to, key) };
    return isSameValue(change.from, change.to) ? null : change;
  }
  const change = ownEntry(changes, changeKey) as FieldChange | null;
  return change && !isSameValue(change.from, change.to) ? change : null;
}

export type ChangeTest = (facts: RuleFacts) => boolean;

/** The test for a change operator on a field with a change key. */
export function compileChangeTest(
  spec: RuleFieldSpec,
  operator: RuleOperator,
  value: RuleConditionValue | undefined,
): ChangeTest {
  const changeKey = spec.changeKey;
  if (!changeKey) throw new Error(`Field '${spec.id}' has no change key.`);
  if (operator === 'changed') return (facts) => readChange(facts, changeKey) !== null;
  const expected = value as string | number | boolean;
  const equals = equalsTest(expected, spec.type === 'enum' || spec.type === 'id');
  const holds = (side: unknown) => (Array.isArray(side) ? side.some(equals) : equals(side));
  const [before, after] = operator === 'changed_to' ? (['from', 'to'] as const) : (['to', 'from'] as const);
  return (facts) => {
    const change = readChange(facts, changeKey);
    return change !== null && holds(change[after]) && !holds(change[before]);
  };
}
