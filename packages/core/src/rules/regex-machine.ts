/**
 * A linear-time matcher (Pike's VM, as in RE2 and Go's regexp): the pattern becomes a small
 * program and all threads advance in lock-step over the text, so a test costs at most
 * text length × program size steps whatever the pattern. JavaScript's own engine
 * backtracks: `a*a*b` over 10,000 'a's takes minutes there, and one customer message must
 * never be able to cause that. Character tests answer ASCII from a table built once per
 * pattern and ask a one-character RegExp ('iu') only for other code points.
 */
import type { RegexAssertion, RegexNode } from './regex-parse.ts';

export const maxRegexProgramSize = 2_000;

/** Thrown when counted repetition would make the program larger than `maxRegexProgramSize`. */
export class RegexTooComplexError extends Error {}

type CharTest = (code: number) => boolean;
const opChar = 0;
const opAssert = 1;
const opSplit = 2;
const opJump = 3;
const opMatch = 4;

export type RegexProgram = {
  ops: Uint8Array;
  /** Jump target, split's first target. */
  first: Int32Array;
  second: Int32Array;
  tests: readonly (CharTest | null)[];
  assertions: readonly (RegexAssertion | null)[];
};

function charTest(source: string): CharTest {
  const regex = new RegExp(`^${source}$`, 'iu');
  const ascii = new Uint8Array(128);
  for (let code = 0; code < 128; code += 1) ascii[code] = regex.test(String.fromCharCode(code)) ? 1 : 0;
  return (code) => (code < 128 ? ascii[code] === 1 : regex.test(String.fromCodePoint(code)));
}

type Instruction = {
  op: number;
  first: number;
  second: number;
  test: CharTest | null;
  assertion: RegexAssertion | null;
};

class Compiler {
  readonly code: Instruction[] = [];
  private readonly tests = new Map<string, CharTest>();

  emit(op: number, fields: Partial<Instruction> = {}): Instruction {
    if (this.code.length >= maxRegexProgramSize) throw new RegexTooComplexError('the pattern is too complex');
    const instruction = { op, first: 0, second: 0, test: null, assertion: null, ...fields };
    this.code.push(instruction);
    return instruction;
  }

  node(node: RegexNode): void {
    if (node.kind === 'char') {
      const test = this.tests.get(node.source) ?? charTest(node.source);
      this.tests.set(node.source, test);
      this.emit(opChar, { test });
    } else if (node.kind === 'assert') {
      this.emit(opAssert, { assertion: node.assertion });
    } else if (node.kind === 'concat') {
      for (const item of node.items) this.node(item);
    } else if (node.kind === 'alt') {
      this.alternation(node.branches);
    } else {
      this.repeat(node.node, node.min, node.max);
    }
  }

  private alternation(branches: readonly RegexNode[]): void {
    const jumps: Instruction[] = [];
    for (const [index, branch] of branches.entries()) {
      if (index === branches.length - 1) {
        this.node(branch);
        break;
      }
      const split = this.emit(opSplit);
      split.first = this.code.length;
      this.node(branch);
      jumps.push(this.emit(opJump));
      split.second = this.code.length;
    }
    for (const jump of jumps) jump.first = this.code.length;
  }

  private repeat(node: RegexNode, min: number, max: number): void {
    for (let copy = 0; copy < min; copy += 1) this.node(node);
    if (max === Infinity) {
      const loopAt = this.code.length;
      const loop = this.emit(opSplit);
      loop.first = this.code.length;
      this.node(node);
      this.emit(opJump, { first: loopAt });
      loop.second = this.code.length;
      return;
    }
    const exits: Instruction[] = [];
    for (let copy = min; copy < max; copy += 1) {
      const optional = this.emit(opSplit);
      optional.first = this.code.length;
      exits.push(optional);
      this.node(node);
    }
    for (const exit of exits) exit.second = this.code.length;
  }
}

/** The program for a parsed pattern; throws RegexTooComplexError past the size limit. */
export function compileRegexProgram(root: RegexNode): RegexProgram {
  const compiler = new Compiler();
  compiler.node(root);
  compiler.emit(opMatch);
  const { code } = compiler;
  return {
    ops: Uint8Array.from(code, (instruction) => instruction.op),
    first: Int32Array.from(code, (instruction) => instruction.first),
    second: Int32Array.from(code, (instruction) => instruction.second),
    tests: code.map((instruction) => instruction.test),
    assertions: code.map((instruction) => instruction.assertion),
  };
}

const isWordCode = charTest(String.raw`\w`);

function codePointBefore(text: string, index: number): number {
  if (index <= 0) return -1;
  const low = text.charCodeAt(index - 1);
  return low >= 0xdc00 && low <= 0xdfff && index >= 2 ? text.codePointAt(index - 2)! : low;
}

function holds(assertion: RegexAssertion, text: string, index: number): boolean {
  if (assertion === 'start') return index === 0;
  if (assertion === 'end') return index === text.length;
  const before = index > 0 && isWordCode(codePointBefore(text, index));
  const after = index < text.length && isWordCode(text.codePointAt(index)!);
  return assertion === 'word_boundary' ? before !== after : before === after;
}

/**
 * A reusable test for the program: whether it matches anywhere in `text` (an unanchored
 * search, like RegExp.test). Thread lists and marks are allocated once per program, not
 * per call; a call never leaves state that changes the next call's answer.
 */
export function createRegexRunner(program: RegexProgram): (text: string) => boolean {
  const { ops, first, second, tests, assertions } = program;
  const size = ops.length;
  const marks = new Uint32Array(size);
  const stack = new Int32Array(size * 2 + 2);
  const lists: [Int32Array, Int32Array] = [new Int32Array(size), new Int32Array(size)];
  let generation = 0;

  // Follows jumps, splits and assertions from `start`, queueing the character steps reached.
  // Returns the new list length, or -1 when the match instruction is reached.
  const addThread = (
    list: Int32Array,
    length: number,
    start: number,
    text: string,
    index: number,
  ): number => {
    let top = 0;
    stack[top++] = start;
    while (top > 0) {
      const pc = stack[--top]!;
      if (marks[pc] === generation) continue;
      marks[pc] = generation;
      const op = ops[pc];
      if (op === opChar) list[length++] = pc;
      else if (op === opJump) stack[top++] = first[pc]!;
      else if (op === opSplit) {
        stack[top++] = second[pc]!;
        stack[top++] = first[pc]!;
      } else if (op === opMatch) return -1;
      else if (holds(assertions[pc]!, text, index)) stack[top++] = pc + 1;
    }
    return length;
  };

  return (text) => {
    if (generation > 0xfffffff0 - text.length) {
      marks.fill(0);
      generation = 0;
    }
    generation += 1;
    let [current, next] = lists;
    let currentLength = addThread(current, 0, 0, text, 0);
    if (currentLength < 0) return true;
    for (let index = 0; index < text.length; ) {
      const code = text.codePointAt(index)!;
      const after = index + (code > 0xffff ? 2 : 1);
      generation += 1;
      let nextLength = 0;
      for (let slot = 0; slot < currentLength; slot += 1) {
        const pc = current[slot]!;
        if (!tests[pc]!(code)) continue;
        nextLength = addThread(next, nextLength, pc + 1, text, after);
        if (nextLength < 0) return true;
      }
      nextLength = addThread(next, nextLength, 0, text, after);
      if (nextLength < 0) return true;
      [current, next] = [next, current];
      currentLength = nextLength;
      index = after;
    }
    return false;
  };
}
