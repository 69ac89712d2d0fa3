import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { compactHangul, normalizeText } from './normalize-text.ts';

describe('normalizeText', () => {
  const cases: { name: string; text: string; expected: string }[] = [
    { name: 'lower-cases and applies NFKC to Latin', text: 'ＴＨＡＮＫＳ  a LOT', expected: 'thanks a lot' },
    { name: 'keeps compatibility jamo as typed', text: 'ㄱㅅㄱㅅ ㅠㅠ', expected: 'ㄱㅅㄱㅅ ㅠㅠ' },
    { name: 'composes decomposed Hangul', text: '\u1100\u1161\u11b7\u1109\u1161', expected: '감사' },
    { name: 'folds 돼 to 되 and 됬 to 됐', text: '안 돼요, 됬어요', expected: '안 되요, 됐어요' },
    { name: 'straightens quotes', text: '\u201cdon\u2019t\u201d', expected: '"don\'t"' },
    { name: 'reads machine codes as words', text: 'card_declined', expected: 'card declined' },
    { name: 'keeps line breaks, trims spaces around them', text: 'a  \n  b', expected: 'a\nb' },
  ];
  for (const { name, text, expected } of cases) {
    it(name, () => assert.equal(normalizeText(text), expected));
  }
});

describe('compactHangul', () => {
  it('removes spaces between Hangul only', () => {
    assert.equal(compactHangul('결제 오류 error code 5003 안 되요'), '결제오류 error code 5003 안되요');
  });
  it('makes spacing variants equal', () => {
    assert.equal(
      compactHangul(normalizeText('로그인이 안 돼요')),
      compactHangul(normalizeText('로그인이 안되요')),
    );
  });
});
