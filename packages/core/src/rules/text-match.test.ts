import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { compileWordMatcher, normalizeText } from './text-match.ts';

describe('normalizeText', () => {
  const cases: [input: string, expected: string][] = [
    ['  Refund\n\tRequest  ', 'refund request'],
    ['ＲＥＦＵＮＤ', 'refund'],
    ['ㄱ', 'ᄀ'],
    ['Straße', 'straße'],
  ];
  for (const [input, expected] of cases) {
    it(JSON.stringify(input), () => assert.equal(normalizeText(input), expected));
  }
});

describe('compileWordMatcher', () => {
  const cases: { words: string[]; text: string; expected: boolean; note: string }[] = [
    { words: ['refund'], text: 'I want a Refund.', expected: true, note: 'case and punctuation' },
    { words: ['refund'], text: 'refunded already', expected: false, note: 'Latin words are whole' },
    { words: ['refund'], text: 'prerefund', expected: false, note: 'no match inside a word' },
    {
      words: ['refund'],
      text: 'refund을 원해요',
      expected: true,
      note: 'Korean particle after a Latin word',
    },
    { words: ['환불'], text: '환불을 요청합니다', expected: true, note: 'Hangul by substring' },
    { words: ['환불'], text: '빠른환불요청', expected: true, note: 'Hangul inside a run' },
    { words: ['退款'], text: '我要退款', expected: true, note: 'Han by substring' },
    { words: ['cannot log in'], text: 'I   cannot\nlog in!', expected: true, note: 'phrases across spacing' },
    { words: ['log in'], text: 'login', expected: false, note: 'phrase needs its space' },
    { words: ['e-mail'], text: 'my e-mail bounced', expected: true, note: 'punctuation inside a word' },
    { words: ['café'], text: 'CAFÉ closed', expected: true, note: 'accents' },
    { words: ['cafe'], text: 'café', expected: false, note: 'accents are letters' },
    { words: ['refund'], text: 'refund refunds', expected: true, note: 'later occurrence' },
    {
      words: ['refund'],
      text: 'refunds; refund',
      expected: true,
      note: 'first occurrence is part of a word',
    },
  ];
  for (const { words, text, expected, note } of cases) {
    it(`${note}: ${JSON.stringify(words)} in ${JSON.stringify(text)} → ${expected}`, () => {
      assert.equal(compileWordMatcher(words, 'any')(text), expected);
    });
  }

  it('combines words as any, all or none', () => {
    const text = 'payment failed, 결제 오류';
    assert.equal(compileWordMatcher(['outage', '결제'], 'any')(text), true);
    assert.equal(compileWordMatcher(['payment', '오류'], 'all')(text), true);
    assert.equal(compileWordMatcher(['payment', 'outage'], 'all')(text), false);
    assert.equal(compileWordMatcher(['outage', 'down'], 'none')(text), true);
    assert.equal(compileWordMatcher(['outage', 'failed'], 'none')(text), false);
  });
});
