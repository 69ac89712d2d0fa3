import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { detectThanks, type ThanksKind } from './detect-thanks.ts';

function kinds(texts: readonly string[]): Record<string, ThanksKind> {
  return Object.fromEntries(texts.map((text) => [text, detectThanks(text).kind]));
}

function expectAll(texts: readonly string[], kind: ThanksKind) {
  assert.deepEqual(kinds(texts), Object.fromEntries(texts.map((text) => [text, kind])));
}

describe('detectThanks', () => {
  it('recognises a plain thank-you or closing reply', () => {
    expectAll(
      [
        '감사합니다!',
        '고맙습니다 해결됐어요',
        'Thanks, that fixed it',
        'thx!',
        'great, cheers',
        '네 확인했습니다 감사해요',
        'ㄱㅅㄱㅅ',
        '수고하셨습니다~',
        '이제 오류 안 나요. 감사합니다',
        'Thanks, no more errors since the update.',
        'Thank you, it isn’t crashing anymore.',
        'All good now, you can close this.',
        'ありがとうございます！',
        'Gracias, ya funciona',
      ],
      'thanks_only',
    );
  });

  it('recognises thanks with a remaining problem or a new request', () => {
    expectAll(
      [
        "thanks but it still doesn't work",
        '감사한데 아직 안 돼요',
        'Thank you. One more question: can I add a second admin?',
        '고마워요 그런데 환불은 언제 되나요?',
        'thanks, now I get error 500',
        '감사합니다 해봤는데 안되네요',
        'Thanks, that fixed the login, but notifications stopped working.',
        '고맙습니다. 혹시 배송지 변경도 가능할까요',
        'Please send me the invoice. Thanks in advance!',
        'ありがとうございます。でも、まだログインできません。請求書も再発行してください。',
      ],
      'thanks_with_issue',
    );
  });

  it('answers none without thanks, for sarcasm and for "thank" in another sense', () => {
    expectAll(
      [
        'It still doesn’t work.',
        'thanks for nothing',
        'Thanks a lot for wasting my time. The issue is still there.',
        '고맙긴 뭐가 고마워요. 아직도 해결 안 됐잖아요',
        '감사는 무슨, 벌써 세 번째 문의입니다',
        'No thanks, I don’t want the upgrade.',
        'Our Thanksgiving order hasn’t arrived yet.',
        'How can I customize the thank-you page?',
        '감사 로그를 CSV로 내보낼 수 있나요?',
        'You marked this as solved but nothing changed.',
      ],
      'none',
    );
  });

  it('reads emoji as thanks', () => {
    expectAll(['🙏', '👍', 'Thanks 🙏', '감사합니다 👍'], 'thanks_only');
  });

  it('ignores quoted history after reply markers', () => {
    const replies = [
      'Thanks!\n\nOn Mon, Jan 1, 2024 at 9:00 AM Bob <b@x.com> wrote:\n> Is it still failing?',
      '감사합니다\n\n-----Original Message-----\n아직 안 되나요?',
      '감사합니다\n보낸 사람: 지원팀\n보낸 날짜: 어제\n여전히 오류가 나나요?',
      '감사합니다\n\n2024. 3. 4. 오후 2:13, 지원팀 님이 작성:\n> 여전히 오류인가요?',
    ];
    expectAll(replies, 'thanks_only');
    assert.ok(detectThanks(replies[0] ?? '').cues.includes('context.quoted_history_removed'));
    assert.equal(
      detectThanks('Still broken.\n\nOn Mon, May 6 Acme <s@acme.com> wrote:\n> Thanks for contacting us!')
        .kind,
      'none',
    );
  });

  it('explains its decision with cue ids and a confidence in 0..1', () => {
    const result = detectThanks('감사합니다. 근데 여전히 로그인이 안돼요');
    assert.equal(result.kind, 'thanks_with_issue');
    assert.ok(result.cues.includes('thanks.gamsa'));
    assert.ok(result.cues.includes('issue.still_broken_ko'));
    for (const text of ['감사합니다!', 'thanks but still broken', 'thanks for nothing', 'hello']) {
      const { confidence } = detectThanks(text);
      assert.ok(confidence >= 0 && confidence <= 1, `${text}: ${confidence}`);
    }
  });

  it('uses the conversation locale when the text is too short to tell', () => {
    assert.equal(detectThanks('Merci!', 'fr').kind, 'thanks_only');
  });
});
