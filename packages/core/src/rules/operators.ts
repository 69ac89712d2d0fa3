/**
 * The operator vocabulary and which operators each value type accepts. This table is the
 * single answer to "is this operator valid for this field", used by validation, by the UI
 * (through describeRuleFields) and, indirectly, by the evaluator, which only ever meets
 * combinations this table allowed.
 */

export const ruleOperators = [
  'is',
  'is_not',
  'contains',
  'not_contains',
  'starts_with',
  'ends_with',
  'in',
  'not_in',
  'contains_any',
  'contains_all',
  'contains_none',
  'greater_than',
  'greater_than_or_equal',
  'less_than',
  'less_than_or_equal',
  'present',
  'blank',
  'changed',
  'changed_from',
  'changed_to',
  'matches_words',
  'matches_regex',
] as const;
export type RuleOperator = (typeof ruleOperators)[number];

/**
 * text: free text; enum: one of fixed values; id: a UUID of a user, team…; text_set: a set
 * of strings such as tags; duration: hours (fractional); date: 'YYYY-MM-DD';
 * scalar: a free-form attribute (string, number or boolean) with no declared type.
 */
export const ruleValueTypes = [
  'text',
  'enum',
  'id',
  'number',
  'boolean',
  'text_set',
  'duration',
  'date',
  'scalar',
] as const;
export type RuleValueType = (typeof ruleValueTypes)[number];

export const comparisonOperators = [
  'greater_than',
  'greater_than_or_equal',
  'less_than',
  'less_than_or_equal',
] as const;
export const changeOperators = ['changed', 'changed_from', 'changed_to'] as const;
const presence = ['present', 'blank'] as const;
const equality = ['is', 'is_not'] as const;
const membership = ['in', 'not_in'] as const;
const substring = ['contains', 'not_contains', 'starts_with', 'ends_with'] as const;

const operatorsByType: Readonly<Record<RuleValueType, readonly RuleOperator[]>> = {
  text: [...equality, ...substring, ...membership, 'matches_words', 'matches_regex', ...presence],
  enum: [...equality, ...membership, ...presence],
  id: [...equality, ...membership, ...presence],
  number: [...equality, ...comparisonOperators, ...presence],
  boolean: [...equality, ...presence],
  text_set: ['contains', 'not_contains', 'contains_any', 'contains_all', 'contains_none', ...presence],
  duration: [...comparisonOperators, ...presence],
  date: [...equality, ...comparisonOperators, ...presence],
  scalar: [...equality, ...substring, ...membership, ...comparisonOperators, ...presence],
};

/** Operators valid for a field of this type; ordered enums also compare, watched fields also change. */
export function operatorsFor(
  type: RuleValueType,
  options: { isOrdered?: boolean; canChange?: boolean } = {},
): readonly RuleOperator[] {
  const base = operatorsByType[type];
  const ordered = options.isOrdered ? comparisonOperators : [];
  const changes = options.canChange ? changeOperators : [];
  return [...base, ...ordered, ...changes];
}

export function isRuleOperator(value: unknown): value is RuleOperator {
  return typeof value === 'string' && (ruleOperators as readonly string[]).includes(value);
}
