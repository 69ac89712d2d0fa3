/**
 * Condition trees compiled to closures: each leaf resolves its field, reader and test once,
 * each group becomes a short-circuiting loop. Evaluating a rule then allocates nothing and
 * never looks at the operator table again. The compiled tree keeps its shape so that a
 * traced evaluation (preview, run log) walks the same tests and reports each leaf.
 */
import { compileChangeTest, readChange } from './change-tests.ts';
import { groupParts, type RuleCondition, type RuleConditionLeaf } from './conditions.ts';
import { changeOperators } from './operators.ts';
import { pointerTo } from './pointer.ts';
import { resolveRuleField } from './resolve-field.ts';
import type { RuleFacts } from './rule-facts.ts';
import { compileValueTest } from './value-tests.ts';

export type FactsTest = (facts: RuleFacts) => boolean;

export type CompiledCondition =
  | {
      kind: 'leaf';
      pointer: string;
      leaf: RuleConditionLeaf;
      test: FactsTest;
      read: (facts: RuleFacts) => unknown;
    }
  | { kind: 'all' | 'any'; pointer: string; children: readonly CompiledCondition[]; test: FactsTest };

/** One evaluated leaf: what it read and what it concluded. Skipped leaves (short-circuit) are absent. */
export type ConditionTrace = {
  pointer: string;
  field: string;
  operator: string;
  value?: unknown;
  actual: unknown;
  result: boolean;
};

function compileLeaf(leaf: RuleConditionLeaf, pointer: string): CompiledCondition {
  const spec = resolveRuleField(leaf.field);
  if (!spec) throw new Error(`Unknown field '${leaf.field}' at ${pointer}; was the rule validated?`);
  if ((changeOperators as readonly string[]).includes(leaf.operator)) {
    const changeKey = spec.changeKey ?? '';
    const test = compileChangeTest(spec, leaf.operator, leaf.value);
    return { kind: 'leaf', pointer, leaf, test, read: (facts) => readChange(facts, changeKey) };
  }
  const valueTest = compileValueTest(spec, leaf.operator, leaf.value);
  const read = spec.read;
  return { kind: 'leaf', pointer, leaf, test: (facts) => valueTest(read(facts)), read };
}

function allOf(tests: readonly FactsTest[]): FactsTest {
  return (facts) => {
    for (let index = 0; index < tests.length; index += 1) if (!tests[index]!(facts)) return false;
    return true;
  };
}

function anyOf(tests: readonly FactsTest[]): FactsTest {
  return (facts) => {
    for (let index = 0; index < tests.length; index += 1) if (tests[index]!(facts)) return true;
    return false;
  };
}

/** Compiles a validated tree; throws on a field or operator validation would have refused. */
export function compileCondition(condition: RuleCondition, pointer = '/conditions'): CompiledCondition {
  const group = groupParts(condition);
  if (!group) return compileLeaf(condition as RuleConditionLeaf, pointer);
  const children = group.children.map((child, index) =>
    compileCondition(child, pointerTo(pointer, group.join, index)),
  );
  const tests = children.map((child) => child.test);
  const test = group.join === 'all' ? allOf(tests) : anyOf(tests);
  return { kind: group.join, pointer, children, test };
}

/** Evaluates like `compiled.test`, recording every leaf it evaluates, in order. */
export function traceCondition(
  compiled: CompiledCondition,
  facts: RuleFacts,
  trace: ConditionTrace[],
): boolean {
  if (compiled.kind === 'leaf') {
    const result = compiled.test(facts);
    const { field, operator, value } = compiled.leaf;
    const actual = compiled.read(facts);
    trace.push({
      pointer: compiled.pointer,
      field,
      operator,
      ...(value === undefined ? {} : { value }),
      actual,
      result,
    });
    return result;
  }
  for (const child of compiled.children) {
    const result = traceCondition(child, facts, trace);
    if (compiled.kind === 'all' && !result) return false;
    if (compiled.kind === 'any' && result) return true;
  }
  return compiled.kind === 'all';
}
