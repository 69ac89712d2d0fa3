/**
 * Admin-written regular expressions run on customer text inside the request that stored
 * the message, and JavaScript regexes cannot be interrupted. So a pattern is accepted only
 * if backtracking stays polynomial: no quantified group containing another quantifier
 * (`(a+)+`), no quantified alternation whose branches could match the same text
 * (`(a|ab)*`, `(\w|\d)+`), no back-references. Evaluation also reads at most
 * `maxRegexInputLength` characters of the text, which bounds the remaining polynomial cases.
 */

export const maxRegexLength = 500;
export const maxRegexInputLength = 10_000;
/** Flags every rule regex is compiled with: case-insensitive, Unicode-aware. */
export const ruleRegexFlags = 'iu';

type Branch = { literal: string | null };
// hasMulti: a repeating quantifier somewhere inside; isAmbiguous: alternatives somewhere
// inside that may match the same text. Quantifying a group with either is what explodes.
type Frame = { branches: Branch[]; hasMulti: boolean; isAmbiguous: boolean };
type Atom = { kind: 'literal' } | { kind: 'other' } | { kind: 'group'; frame: Frame };

const newFrame = (): Frame => ({ branches: [{ literal: '' }], hasMulti: false, isAmbiguous: false });

function isMultiQuantifier(quantifier: string): boolean {
  const base = quantifier.length > 1 && quantifier.endsWith('?') ? quantifier.slice(0, -1) : quantifier;
  if (base === '*' || base === '+') return true;
  if (base === '?') return false;
  const [, min, comma, max] = /^\{(\d+)(,?)(\d*)\}$/.exec(base) ?? [];
  if (!comma) return Number(min) > 1;
  return max === '' || Number(max) > 1;
}

/** Alternatives are safe only as plain literals with distinct first characters ('foo|bar'). */
function hasOverlappingBranches(branches: readonly Branch[]): boolean {
  if (branches.length < 2) return false;
  const firsts = new Set<string>();
  for (const { literal } of branches) {
    if (literal === null || literal === '') return true;
    const first = literal[0]!.toLowerCase();
    if (firsts.has(first)) return true;
    firsts.add(first);
  }
  return false;
}

/** The length of the escape at `index` (the backslash), or null for a back-reference. */
function escapeLength(pattern: string, index: number): number | null {
  const next = pattern[index + 1] ?? '';
  if (/[1-9]/.test(next) || (next === 'k' && pattern[index + 2] === '<')) return null;
  if ('pPu'.includes(next) && pattern[index + 2] === '{') return pattern.indexOf('}', index) - index + 1;
  if (next === 'u') return 6;
  if (next === 'x') return 4;
  if (next === 'c') return 3;
  return 2;
}

function quantifierAt(pattern: string, index: number): string | null {
  const match = /^(?:[*+?]|\{\d+(?:,\d*)?\})\??/.exec(pattern.slice(index));
  return match ? match[0] : null;
}

/** The end (exclusive) of the character class opening at `index`; `u` mode has no nesting. */
function classEnd(pattern: string, index: number): number {
  let end = index + 1;
  while (end < pattern.length && pattern[end] !== ']') end += pattern[end] === '\\' ? 2 : 1;
  return end + 1;
}

function checkQuantified(atom: Atom, multi: boolean): string | null {
  if (!multi || atom.kind !== 'group') return null;
  if (atom.frame.hasMulti) return 'nested quantifiers such as (a+)+ can take exponential time';
  if (atom.frame.isAmbiguous) {
    return 'a repeated group whose alternatives can match the same text, such as (a|ab)*, can take exponential time';
  }
  return null;
}

/** Why the pattern is unsafe, or null. Assumes it already compiled with the `u` flag. */
function findUnsafeConstruct(pattern: string): string | null {
  const stack: Frame[] = [newFrame()];
  const top = () => stack[stack.length - 1]!;
  const branch = () => top().branches[top().branches.length - 1]!;
  let previous: Atom | null = null;
  const addAtom = (atom: Atom, literal: string | null) => {
    const current = branch();
    current.literal = current.literal !== null && literal !== null ? current.literal + literal : null;
    previous = atom;
  };
  let index = 0;
  while (index < pattern.length) {
    const char = pattern[index]!;
    const quantifier = previous === null ? null : quantifierAt(pattern, index);
    if (quantifier !== null && previous !== null) {
      const multi = isMultiQuantifier(quantifier);
      const problem = checkQuantified(previous, multi);
      if (problem) return problem;
      if (multi) top().hasMulti = true;
      branch().literal = null;
      previous = null;
      index += quantifier.length;
    } else if (char === '\\') {
      const length = escapeLength(pattern, index);
      if (length === null) return 'back-references are not allowed';
      const escaped = pattern.slice(index + 1, index + length);
      const isLiteral = length === 2 && /[^\w\s]/.test(escaped);
      addAtom(isLiteral ? { kind: 'literal' } : { kind: 'other' }, isLiteral ? escaped : null);
      index += length;
    } else if (char === '[') {
      addAtom({ kind: 'other' }, null);
      index = classEnd(pattern, index);
    } else if (char === '(') {
      stack.push(newFrame());
      previous = null;
      index += /^\((\?(?::|=|!|<=|<!|<[^>]+>))?/.exec(pattern.slice(index))![0].length;
    } else if (char === ')') {
      const frame = stack.pop()!;
      frame.isAmbiguous ||= hasOverlappingBranches(frame.branches);
      top().hasMulti ||= frame.hasMulti;
      top().isAmbiguous ||= frame.isAmbiguous;
      addAtom({ kind: 'group', frame }, frame.branches.length === 1 ? frame.branches[0]!.literal : null);
      index += 1;
    } else if (char === '|') {
      top().branches.push({ literal: '' });
      previous = null;
      index += 1;
    } else {
      const isAnchor = char === '^' || char === '$';
      if (isAnchor) previous = null;
      else addAtom(char === '.' ? { kind: 'other' } : { kind: 'literal' }, char === '.' ? null : char);
      index += 1;
    }
  }
  return null;
}

/** The problem with a rule's regular expression, or null when it may be saved. */
export function checkRuleRegex(pattern: string): string | null {
  if (pattern.length === 0) return 'Must not be empty.';
  if (pattern.length > maxRegexLength) return `Must be at most ${maxRegexLength} characters.`;
  try {
    new RegExp(pattern, ruleRegexFlags);
  } catch (error) {
    return `Not a valid regular expression: ${(error as Error).message}`;
  }
  const unsafe = findUnsafeConstruct(pattern);
  return unsafe ? `Rejected because ${unsafe}.` : null;
}

/** A test for the compiled pattern over at most `maxRegexInputLength` characters of text. */
export function compileRuleRegex(pattern: string): (text: string) => boolean {
  const regex = new RegExp(pattern, ruleRegexFlags);
  return (text) => regex.test(text.length > maxRegexInputLength ? text.slice(0, maxRegexInputLength) : text);
}
