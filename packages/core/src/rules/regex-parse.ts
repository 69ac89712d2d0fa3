/**
 * A parser for the regular expressions rules accept: JavaScript syntax with the `u` flag,
 * minus look-around and back-references (which no linear-time matcher can support). The
 * pattern has already compiled as a JavaScript RegExp, so the parser can assume it is well
 * formed. Each single-character item keeps a RegExp source of its own, so that classes,
 * `\p{…}` and case-insensitive folding are later judged by JavaScript's own rules exactly.
 */

export type RegexAssertion = 'start' | 'end' | 'word_boundary' | 'not_word_boundary';
export type RegexNode =
  /** One character: `source` is a RegExp source matching exactly one ('a', '[a-z]', '\\d', '.'). */
  | { kind: 'char'; source: string; literal: string | null }
  | { kind: 'assert'; assertion: RegexAssertion }
  | { kind: 'concat'; items: RegexNode[] }
  | { kind: 'alt'; branches: RegexNode[] }
  | { kind: 'repeat'; node: RegexNode; min: number; max: number };

/** A construct the linear-time matcher cannot run. */
export class UnsupportedRegexError extends Error {}

const syntaxCharacters = /[\\^$.*+?()[\]{}|/]/g;

function classNode(source: string): RegexNode {
  return { kind: 'char', source, literal: null };
}

function literalNode(literal: string): RegexNode {
  return { kind: 'char', source: literal.replace(syntaxCharacters, '\\$&'), literal };
}

const simpleEscapes: Readonly<Record<string, string>> = {
  n: '\n',
  r: '\r',
  t: '\t',
  f: '\f',
  v: '\v',
  '0': '\0',
};

class Parser {
  private readonly chars: string[];
  private index = 0;

  constructor(pattern: string) {
    this.chars = Array.from(pattern);
  }

  parse(): RegexNode {
    const node = this.alternation();
    if (this.index < this.chars.length) throw new Error(`Unexpected '${this.peek()}'.`);
    return node;
  }

  private peek(offset = 0): string {
    return this.chars[this.index + offset] ?? '';
  }

  private take(): string {
    return this.chars[this.index++] ?? '';
  }

  private alternation(): RegexNode {
    const branches = [this.sequence()];
    while (this.peek() === '|') {
      this.index += 1;
      branches.push(this.sequence());
    }
    return branches.length === 1 ? branches[0]! : { kind: 'alt', branches };
  }

  private sequence(): RegexNode {
    const items: RegexNode[] = [];
    while (this.index < this.chars.length && this.peek() !== '|' && this.peek() !== ')') {
      items.push(this.quantified(this.atom()));
    }
    return items.length === 1 ? items[0]! : { kind: 'concat', items };
  }

  private quantified(node: RegexNode): RegexNode {
    const bounds = this.quantifier();
    if (!bounds) return node;
    if (this.peek() === '?') this.index += 1; // laziness does not change whether a text matches
    return { kind: 'repeat', node, min: bounds[0], max: bounds[1] };
  }

  private quantifier(): [number, number] | null {
    const char = this.peek();
    if (char === '*' || char === '+' || char === '?') {
      this.index += 1;
      return char === '*' ? [0, Infinity] : char === '+' ? [1, Infinity] : [0, 1];
    }
    const match =
      char === '{'
        ? /^\{(\d+)(,(\d*))?\}/.exec(this.chars.slice(this.index, this.index + 24).join(''))
        : null;
    if (!match) return null;
    this.index += match[0].length;
    const min = Number(match[1]);
    const max = match[2] === undefined ? min : match[3] === '' ? Infinity : Number(match[3]);
    return [min, max];
  }

  private atom(): RegexNode {
    const char = this.take();
    if (char === '(') return this.group();
    if (char === '[') return classNode(this.classSource());
    if (char === '.') return classNode('.');
    if (char === '^') return { kind: 'assert', assertion: 'start' };
    if (char === '$') return { kind: 'assert', assertion: 'end' };
    if (char === '\\') return this.escape();
    return literalNode(char);
  }

  private group(): RegexNode {
    if (this.peek() === '?') {
      const kind = this.peek(1);
      const isNamed = kind === '<' && this.peek(2) !== '=' && this.peek(2) !== '!';
      if (kind !== ':' && !isNamed)
        throw new UnsupportedRegexError('look-ahead and look-behind are not supported');
      this.index += 2;
      if (isNamed) this.index = this.chars.indexOf('>', this.index) + 1;
    }
    const node = this.alternation();
    this.take(); // ')'
    return node;
  }

  private classSource(): string {
    let source = '[';
    for (let char = this.take(); char !== ']'; char = this.take()) {
      source += char === '\\' ? char + this.take() : char;
    }
    return `${source}]`;
  }

  private escape(): RegexNode {
    const char = this.take();
    if (/[1-9]/.test(char) || char === 'k')
      throw new UnsupportedRegexError('back-references are not allowed');
    if (char === 'b') return { kind: 'assert', assertion: 'word_boundary' };
    if (char === 'B') return { kind: 'assert', assertion: 'not_word_boundary' };
    if ('dDwWsS'.includes(char)) return classNode(`\\${char}`);
    if (char === 'p' || char === 'P') {
      let name = '';
      for (let next = this.take(); next !== '}'; next = this.take()) name += next;
      return classNode(`\\${char}${name}}`);
    }
    const simple = simpleEscapes[char];
    if (simple !== undefined) return literalNode(simple);
    if (char === 'c') return literalNode(String.fromCharCode(this.take().charCodeAt(0) % 32));
    if (char === 'x')
      return literalNode(String.fromCodePoint(Number.parseInt(this.take() + this.take(), 16)));
    if (char === 'u') return literalNode(String.fromCodePoint(this.unicodeEscape()));
    return literalNode(char);
  }

  /** `\uXXXX`, `\u{X…}`, and a `\uD83D\uDE00` surrogate pair as the one code point it spells. */
  private unicodeEscape(): number {
    const high = Number.parseInt(this.unicodeEscapeDigits(), 16);
    const isPaired = high >= 0xd800 && high <= 0xdbff && this.peek() === '\\' && this.peek(1) === 'u';
    if (!isPaired) return high;
    const mark = this.index;
    this.index += 2;
    const low = Number.parseInt(this.unicodeEscapeDigits(), 16);
    if (low >= 0xdc00 && low <= 0xdfff) return (high - 0xd800) * 0x400 + (low - 0xdc00) + 0x10000;
    this.index = mark;
    return high;
  }

  private unicodeEscapeDigits(): string {
    if (this.peek() !== '{') return this.take() + this.take() + this.take() + this.take();
    this.index += 1;
    let digits = '';
    for (let next = this.take(); next !== '}'; next = this.take()) digits += next;
    return digits;
  }
}

/** The syntax tree of a pattern that compiles with the `u` flag; throws UnsupportedRegexError for look-around and back-references. */
export function parseRuleRegex(pattern: string): RegexNode {
  return new Parser(pattern).parse();
}
