import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { normalizeText } from './normalize-text.ts';
import { splitClauses } from './split-clauses.ts';

function clausesOf(text: string) {
  return splitClauses(normalizeText(text)).map((c) => [c.text, c.isQuestion, c.afterContrast]);
}

describe('splitClauses', () => {
  it('splits sentences and marks questions', () => {
    assert.deepEqual(clausesOf('Thank you. One more question: can I add a seat?'), [
      ['thank you', false, false],
      ['one more question: can i add a seat', true, false],
    ]);
  });
  it('starts a clause at "but" and marks it as a contrast', () => {
    assert.deepEqual(clausesOf('Thanks, that fixed the login, but notifications stopped'), [
      ['thanks, that fixed the login,', false, false],
      ['but notifications stopped', false, true],
    ]);
  });
  it('splits Korean after -는데 / -지만 / 니다만 and before 그런데', () => {
    assert.deepEqual(clausesOf('감사합니다만 같은 오류가 나요. 근데 여전히 안 돼요'), [
      ['감사합니다만', false, false],
      ['같은 오류가 나요', false, true],
      ['근데 여전히 안 되요', false, true],
    ]);
  });
  it('does not split decimals or domains', () => {
    assert.deepEqual(clausesOf('v2.3 on acme.com costs 1.5 usd'), [
      ['v2.3 on acme.com costs 1.5 usd', false, false],
    ]);
  });
  it('gives each clause a compact form for Korean cues', () => {
    assert.equal(splitClauses(normalizeText('로그인이 안 돼요'))[0]?.compact, '로그인이안되요');
  });
});
