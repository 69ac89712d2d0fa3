/**
 * Operators as tests of a field's current value. Each is built once per leaf with its
 * expected value pre-normalised, so a check is a read and a compare. Blank values (null,
 * '', []) fail every positive test and pass every negative one: "priority is not urgent"
 * holds for a ticket with no priority, as it does in Zendesk.
 */
import type { RuleConditionValue, WordsValue } from './conditions.ts';
import type { RuleFieldSpec, RuleFieldValue } from './field-registry.ts';
import type { RuleOperator } from './operators.ts';
import { compileRuleRegex } from './regex-safety.ts';
import { compileWordMatcher, normalizeText } from './text-match.ts';

export type ValueTest = (actual: RuleFieldValue | undefined) => boolean;
type Scalar = string | number | boolean;

export function isBlankValue(actual: unknown): boolean {
  if (actual === null || actual === undefined) return true;
  if (typeof actual === 'string') return actual.trim() === '';
  return Array.isArray(actual) && actual.length === 0;
}

/** Equality: exact for enums and ids, normalised (case, width, spacing) for other text. */
export function equalsTest(expected: Scalar, isExact: boolean): (actual: unknown) => boolean {
  if (typeof expected !== 'string') return (actual) => actual === expected;
  if (isExact) return (actual) => actual === expected;
  const normalized = normalizeText(expected);
  return (actual) =>
    typeof actual === 'string' && (actual === expected || normalizeText(actual) === normalized);
}

function oneOfTest(expected: readonly Scalar[], isExact: boolean): (actual: unknown) => boolean {
  const normalize = (value: unknown) =>
    typeof value === 'string' && !isExact ? normalizeText(value) : value;
  const set = new Set<unknown>(expected.map(normalize));
  return (actual) => actual !== null && actual !== undefined && set.has(normalize(actual));
}

function setItems(actual: unknown): readonly string[] {
  return Array.isArray(actual) ? actual : [];
}

function containsTest(expected: string): ValueTest {
  const normalized = normalizeText(expected);
  const lowered = expected.toLowerCase();
  return (actual) => {
    if (Array.isArray(actual)) return actual.some((item) => item.toLowerCase() === lowered);
    return typeof actual === 'string' && normalizeText(actual).includes(normalized);
  };
}

function textTest(expected: string, test: (text: string, normalized: string) => boolean): ValueTest {
  const normalized = normalizeText(expected);
  return (actual) => typeof actual === 'string' && test(normalizeText(actual), normalized);
}

function compareTest(spec: RuleFieldSpec, operator: RuleOperator, expected: Scalar): ValueTest {
  const rank = (value: unknown): unknown =>
    spec.isOrdered && spec.values && typeof value === 'string' ? spec.values.indexOf(value) : value;
  const target = rank(expected);
  const compare = (actual: unknown): number | null => {
    const value = rank(actual);
    if (typeof value === 'number' && typeof target === 'number') return value < 0 ? null : value - target;
    if (typeof value === 'string' && typeof target === 'string')
      return value < target ? -1 : value > target ? 1 : 0;
    return null;
  };
  const accept: Record<string, (difference: number) => boolean> = {
    greater_than: (d) => d > 0,
    greater_than_or_equal: (d) => d >= 0,
    less_than: (d) => d < 0,
    less_than_or_equal: (d) => d <= 0,
  };
  const accepts = accept[operator]!;
  return (actual) => {
    const difference = compare(actual);
    return difference !== null && accepts(difference);
  };
}

const not =
  (test: ValueTest): ValueTest =>
  (actual) =>
    !test(actual);

/** The test for `operator` with `value` on a field of this spec; change operators are elsewhere. */
export function compileValueTest(
  spec: RuleFieldSpec,
  operator: RuleOperator,
  value: RuleConditionValue | undefined,
): ValueTest {
  const isExact = spec.type === 'enum' || spec.type === 'id';
  const list = (Array.isArray(value) ? value : []) as readonly Scalar[];
  const lowered = list.map((item) => String(item).toLowerCase());
  switch (operator) {
    case 'is':
      return equalsTest(value as Scalar, isExact);
    case 'is_not':
      return not(equalsTest(value as Scalar, isExact));
    case 'in':
      return oneOfTest(list, isExact);
    case 'not_in':
      return not(oneOfTest(list, isExact));
    case 'contains':
      return containsTest(value as string);
    case 'not_contains':
      return not(containsTest(value as string));
    case 'starts_with':
      return textTest(value as string, (text, prefix) => text.startsWith(prefix));
    case 'ends_with':
      return textTest(value as string, (text, suffix) => text.endsWith(suffix));
    case 'contains_any':
      return (actual) => setItems(actual).some((item) => lowered.includes(item.toLowerCase()));
    case 'contains_all':
      return (actual) => {
        const items = setItems(actual).map((item) => item.toLowerCase());
        return lowered.every((item) => items.includes(item));
      };
    case 'contains_none':
      return (actual) => !setItems(actual).some((item) => lowered.includes(item.toLowerCase()));
    case 'greater_than':
    case 'greater_than_or_equal':
    case 'less_than':
    case 'less_than_or_equal':
      return compareTest(spec, operator, value as Scalar);
    case 'present':
      return (actual) => !isBlankValue(actual);
    case 'blank':
      return isBlankValue;
    case 'matches_words': {
      const words = value as WordsValue;
      const matches = compileWordMatcher(words.words, words.match);
      // 'none' of the words holds for absent text too, like the other negative operators.
      return (actual) => (typeof actual === 'string' ? matches(actual) : words.match === 'none');
    }
    case 'matches_regex': {
      const matches = compileRuleRegex(value as string);
      return (actual) => typeof actual === 'string' && matches(actual);
    }
    case 'changed':
    case 'changed_from':
    case 'changed_to':
      throw new Error(`Operator '${operator}' tests a change, not a value.`);
  }
}
