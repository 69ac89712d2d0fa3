/** The linear-time matcher must agree with JavaScript's RegExp ('iu' flags) on every pattern rules accept. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { compileRegexProgram, createRegexRunner, RegexTooComplexError } from './regex-machine.ts';
import { parseRuleRegex } from './regex-parse.ts';

const patterns = [
  'refund',
  '^refund',
  'refund$',
  '^$',
  String.raw`order\s*#?\d{3,6}`,
  String.raw`\border\b`,
  String.raw`\Bfund`,
  '(foo|bar)+baz',
  '(?:환불|refund) ?(요청|request)',
  '(?<num>\\d+)-(\\d+)',
  '[a-c]{2}x',
  '[^a-z ]+',
  'colou?r',
  'a{2,3}$',
  'a{0}b',
  'x*',
  '.+@.+\\..+',
  '\\p{Script=Hangul}{2,}',
  '\\P{L}+$',
  '[\\]\\-]',
  '\\u{1F600}|\\uD83D\\uDE01',
  '\\x41\\u0042',
  'a.c',
  '\\.\\*\\(',
  'kelvin',
  '(a|b)*c',
  '^(?:ab)*$',
  'a*a*b',
];
const texts = [
  '',
  'Refund please',
  'I want a REFUND',
  'order #12345 shipped',
  'Order#99 too short',
  'border control',
  'foobarbaz',
  'foobaz',
  '환불 요청합니다',
  'refund request',
  '12-34',
  'abx ACX',
  'Color or colour',
  'aaa',
  'aaaa',
  'b',
  'ada@example.com',
  '가나',
  'word 123!?',
  '-]',
  'smile 😀 😁',
  'AB',
  'a\nc abc',
  '.*(',
  'KELVIN sign',
  'ababac',
  'abab',
  'aaaaab',
];

describe('createRegexRunner agrees with RegExp', () => {
  for (const pattern of patterns) {
    it(pattern, () => {
      const run = createRegexRunner(compileRegexProgram(parseRuleRegex(pattern)));
      const regex = new RegExp(pattern, 'iu');
      for (const text of texts) {
        assert.equal(run(text), regex.test(text), `${pattern} on ${JSON.stringify(text)}`);
      }
    });
  }
});

describe('createRegexRunner costs', () => {
  it('stays linear where backtracking explodes', { timeout: 10_000 }, () => {
    // JavaScript's engine takes minutes on these; the matcher takes milliseconds.
    const text = 'a'.repeat(10_000);
    assert.equal(createRegexRunner(compileRegexProgram(parseRuleRegex('a*a*a*b')))(text), false);
    assert.equal(createRegexRunner(compileRegexProgram(parseRuleRegex('(a|aa)*b')))(text), false);
    assert.equal(createRegexRunner(compileRegexProgram(parseRuleRegex('(a+)+b')))(text), false);
  });

  it('refuses programs past the size limit', () => {
    assert.throws(() => compileRegexProgram(parseRuleRegex('(abcdefghij){300}')), RegexTooComplexError);
  });
});
