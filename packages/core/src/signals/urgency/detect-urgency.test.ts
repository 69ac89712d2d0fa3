import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { detectUrgency, type UrgencyReason } from './detect-urgency.ts';

describe('detectUrgency', () => {
  const urgent: { text: string; reason: UrgencyReason }[] = [
    { text: 'The site is down, none of our customers can check out.', reason: 'outage' },
    { text: 'We get 500 errors on every page, for everyone.', reason: 'outage' },
    { text: 'Payment failed three times but my card is fine.', reason: 'payment_failure' },
    { text: 'My card was charged twice for the same order.', reason: 'payment_failure' },
    { text: 'I cannot log in to my account.', reason: 'login_blocked' },
    { text: 'My account is locked.', reason: 'login_blocked' },
    { text: 'All my projects disappeared after the update!', reason: 'data_loss' },
    { text: 'I think my account was hacked.', reason: 'security' },
    { text: 'If this isn’t fixed today I will contact my lawyer.', reason: 'legal_threat' },
    { text: 'Please respond ASAP, this is blocking our launch.', reason: 'explicit_urgent' },
    { text: '결제 오류가 계속 나요', reason: 'payment_failure' },
    { text: '결제가 안 돼요', reason: 'payment_failure' },
    { text: '결제가 안되요', reason: 'payment_failure' },
    { text: '결제오류', reason: 'payment_failure' },
    { text: 'PG사 결제 실패 error code 5003', reason: 'payment_failure' },
    { text: '정산금이 입금되지 않았습니다', reason: 'payment_failure' },
    { text: '접속 불가', reason: 'outage' },
    { text: '사이트가 안 열려요', reason: 'outage' },
    { text: '서버 다운된 것 같아요', reason: 'outage' },
    { text: '로그인이 안 돼요', reason: 'login_blocked' },
    { text: '로그인이안되요', reason: 'login_blocked' },
    { text: '계정이 잠겼어요', reason: 'login_blocked' },
    { text: '개인정보 유출된 것 같습니다', reason: 'security' },
    { text: '계정이 해킹당했어요', reason: 'security' },
    { text: '환불 안 해주시면 소송하겠습니다', reason: 'legal_threat' },
    { text: '급해요 빨리 연락 주세요', reason: 'explicit_urgent' },
    { text: '긴급! 키오스크 전부 오류입니다', reason: 'explicit_urgent' },
    { text: '사이트 들어가면 계속 에러 페이지만 나와요. 다른 사람들도 그렇대요', reason: 'outage' },
  ];
  for (const { text, reason } of urgent) {
    it(`urgent: ${text}`, () => {
      const result = detectUrgency(text);
      assert.equal(result.urgent, true, JSON.stringify(result));
      assert.ok(result.reasons.includes(reason), JSON.stringify(result));
      assert.ok(result.score >= 0.5 && result.score <= 1);
    });
  }

  const calm = [
    'The page loads a bit slowly sometimes.',
    'How do I change my password?',
    '결제 수단을 변경하고 싶어요',
    'The outage yesterday is fixed, thanks.',
    'The site was down for a few minutes earlier but it’s back up now.',
    'Not urgent, but could you add dark mode?',
    '급하지 않아요. 다크 모드 추가 가능할까요?',
    '급한 건 아니고 시간 나실 때 봐주세요',
    'What happens if my payment fails?',
    '결제가 실패하면 어떻게 되나요?',
    'The "urgent" tag doesn’t show in the filter list.',
    '긴급 알림 기능은 어떻게 설정하나요?',
    '어제 로그인 안 되던 거 지금은 잘 됩니다',
    'Saw you on Hacker News — do you offer startup discounts?',
    'The app crashes when I open settings.',
    '',
  ];
  for (const text of calm) {
    it(`not urgent: ${JSON.stringify(text)}`, () => {
      const result = detectUrgency(text);
      assert.equal(result.urgent, false, JSON.stringify(result));
      assert.ok(result.score >= 0 && result.score < 0.5);
    });
  }

  it('shows why a cue was discounted', () => {
    assert.ok(detectUrgency('not urgent').cues.includes('dampener.not_urgent'));
    assert.ok(detectUrgency('The outage yesterday is fixed').cues.includes('outage.down:resolved'));
    assert.ok(
      detectUrgency('What happens if my payment fails?').cues.includes('payment_failure.failed:hypothetical'),
    );
  });

  it('reads the subject like the body, without reply prefixes', () => {
    const result = detectUrgency('Please check', 'RE: URGENT: checkout broken');
    assert.equal(result.urgent, true);
    assert.ok(result.reasons.includes('explicit_urgent'));
    assert.equal(detectUrgency('주문이 안 들어와요', 'RE: [긴급] 결제 오류').urgent, true);
  });

  it('adds breadth and business impact to a weak signal, never alone', () => {
    assert.equal(detectUrgency('The sync keeps failing.').urgent, false);
    assert.equal(detectUrgency('The sync keeps failing for all our customers.').urgent, true);
    assert.equal(detectUrgency('All our customers love the new widget.').urgent, false);
  });

  it('ignores quoted history', () => {
    const reply =
      'Thanks, all good now.\n\nOn Mon, May 6 Acme <s@acme.com> wrote:\n> Is the site still down for everyone?';
    assert.equal(detectUrgency(reply).urgent, false);
  });
});
