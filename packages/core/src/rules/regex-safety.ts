/**
 * Regular expressions in rules. Admin-written patterns run on customer text inside the
 * request that stored the message, so they run on the linear-time matcher in
 * regex-machine.ts, never on JavaScript's backtracking engine. On top of that, a pattern is
 * saved only if it would also be safe on a backtracking engine (no quantified group holding
 * another quantifier, as in `(a+)+`; no quantified alternatives that can match the same
 * text, as in `(a|ab)*`; no back-references or look-around), so that compiling conditions
 * to SQL later, where PostgreSQL's engine runs them, stays safe too.
 */
import { compileRegexProgram, createRegexRunner, RegexTooComplexError } from './regex-machine.ts';
import { parseRuleRegex, type RegexNode, UnsupportedRegexError } from './regex-parse.ts';

export const maxRegexLength = 500;
/** Characters of a field's text a regex condition reads; the rest is ignored. */
export const maxRegexInputLength = 10_000;

type Shape = { hasRepeat: boolean; isAmbiguous: boolean };

/** Alternatives are safe to repeat only as plain literals with distinct first characters ('foo|bar'). */
function hasOverlappingBranches(branches: readonly RegexNode[]): boolean {
  const firsts = new Set<string>();
  for (const branch of branches) {
    const literal = literalOf(branch);
    if (!literal) return true;
    const first = literal[0]!.toLowerCase();
    if (firsts.has(first)) return true;
    firsts.add(first);
  }
  return false;
}

function literalOf(node: RegexNode): string | null {
  if (node.kind === 'char') return node.literal;
  if (node.kind !== 'concat') return null;
  const parts = node.items.map(literalOf);
  return parts.every((part) => part !== null) ? parts.join('') : null;
}

/** Walks the tree, returning the first unsafe construct found and the shape of `node`. */
function inspect(node: RegexNode): { problem: string | null } & Shape {
  const none = { problem: null, hasRepeat: false, isAmbiguous: false };
  if (node.kind === 'char' || node.kind === 'assert') return none;
  const children = node.kind === 'concat' ? node.items : node.kind === 'alt' ? node.branches : [node.node];
  const inner = children.map(inspect);
  const problem = inner.find((shape) => shape.problem)?.problem ?? null;
  const hasRepeat = inner.some((shape) => shape.hasRepeat);
  const isAmbiguous =
    inner.some((shape) => shape.isAmbiguous) ||
    (node.kind === 'alt' && hasOverlappingBranches(node.branches));
  if (problem || node.kind !== 'repeat' || node.max <= 1) {
    return { problem, hasRepeat: hasRepeat || (node.kind === 'repeat' && node.max > 1), isAmbiguous };
  }
  if (hasRepeat) return { ...none, problem: 'nested quantifiers such as (a+)+ can take exponential time' };
  if (isAmbiguous) {
    return {
      ...none,
      problem:
        'a repeated group whose alternatives can match the same text, such as (a|ab)*, can take exponential time',
    };
  }
  return { problem: null, hasRepeat: true, isAmbiguous };
}

/** The problem with a rule's regular expression, or null when it may be saved. */
export function checkRuleRegex(pattern: string): string | null {
  if (pattern.length === 0) return 'Must not be empty.';
  if (pattern.length > maxRegexLength) return `Must be at most ${maxRegexLength} characters.`;
  try {
    new RegExp(pattern, 'iu');
  } catch (error) {
    return `Not a valid regular expression: ${(error as Error).message}`;
  }
  try {
    const tree = parseRuleRegex(pattern);
    const { problem } = inspect(tree);
    if (problem) return `Rejected because ${problem}.`;
    compileRegexProgram(tree);
    return null;
  } catch (error) {
    if (error instanceof UnsupportedRegexError || error instanceof RegexTooComplexError) {
      return `Rejected because ${error.message}.`;
    }
    throw error;
  }
}

/**
 * A case-insensitive, Unicode-aware test for a pattern checkRuleRegex accepted, reading at
 * most `maxRegexInputLength` characters of the text.
 */
export function compileRuleRegex(pattern: string): (text: string) => boolean {
  const run = createRegexRunner(compileRegexProgram(parseRuleRegex(pattern)));
  return (text) => run(text.length > maxRegexInputLength ? text.slice(0, maxRegexInputLength) : text);
}
