import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkRuleRegex, compileRuleRegex, maxRegexInputLength } from './regex-safety.ts';

describe('checkRuleRegex', () => {
  const accepted = [
    String.raw`order\s*#?\d{4,10}`,
    '(foo|bar)+',
    '(?:refund|환불)',
    String.raw`^\[(urgent|긴급)\]`,
    '(ab)+c',
    '(a+)?b',
    '(?:x|y){2}',
    String.raw`\p{Script=Hangul}+`,
    '[a-z]+@[a-z]+\\.com',
    '(?<order>\\d+)-(?<line>\\d+)',
    'a{2,3}',
    '\\(a+\\)+',
  ];
  for (const pattern of accepted) {
    it(`accepts ${pattern}`, () => assert.equal(checkRuleRegex(pattern), null));
  }

  const rejected: [pattern: string, reason: RegExp][] = [
    ['(a+)+$', /nested quantifiers/],
    ['(a*)*', /nested quantifiers/],
    ['(?:\\d+\\s?)+x', /nested quantifiers/],
    ['((ab)+)+', /nested quantifiers/],
    ['(.*a){12}', /nested quantifiers/],
    ['(a|ab)*c', /alternatives/],
    ['(\\w|\\d)+$', /alternatives/],
    ['(a|a)+', /alternatives/],
    ['((a|ab)c)+', /alternatives/],
    ['(x|)+', /alternatives/],
    ['(a)\\1', /back-references/],
    ['(?<x>a)\\k<x>', /back-references/],
    ['(?=x)a', /look-ahead and look-behind/],
    ['(?<!x)a', /look-ahead and look-behind/],
    ['(abcdefghij){300}', /too complex/],
    ['(unclosed', /Not a valid regular expression/],
    ['[z-a]', /Not a valid regular expression/],
    ['a{', /Not a valid regular expression/],
    ['', /empty/],
    ['a'.repeat(501), /at most 500/],
  ];
  for (const [pattern, reason] of rejected) {
    it(`rejects ${pattern.slice(0, 30)}`, () => assert.match(checkRuleRegex(pattern) ?? 'accepted', reason));
  }
});

describe('compileRuleRegex', () => {
  it('is case-insensitive and Unicode-aware', () => {
    assert.equal(compileRuleRegex('^refund')('REFUND please'), true);
    assert.equal(compileRuleRegex('^.$')('😀'), true);
  });

  it('reads only the first maxRegexInputLength characters', () => {
    const text = `${'a'.repeat(maxRegexInputLength)}needle`;
    assert.equal(compileRuleRegex('needle')(text), false);
    assert.equal(compileRuleRegex('needle')(`needle${text}`), true);
  });

  it('runs in linear time on patterns that are slow for backtracking', { timeout: 10_000 }, () => {
    assert.equal(compileRuleRegex('a*a*a*b')('a'.repeat(20_000)), false);
  });

  it('keeps no state between calls', () => {
    const test = compileRuleRegex('x');
    assert.deepEqual([test('x'), test('x'), test('x')], [true, true, true]);
  });
});
