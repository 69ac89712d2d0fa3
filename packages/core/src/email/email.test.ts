import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { classifyInboundMail } from './classify-inbound-mail.ts';
import { decideThread, normaliseMessageId, parseMessageIdList } from './decide-thread.ts';
import { stripQuotedReply } from './strip-quoted-reply.ts';
import { extractTicketNumberFromSubject, stripReplyPrefixes } from './ticket-number-from-subject.ts';

describe('classifyInboundMail', () => {
  const cases: [string, Parameters<typeof classifyInboundMail>[0], string][] = [
    ['a person', { headers: {}, from: 'kim@example.kr', subject: '배송 문의' }, 'normal'],
    ['Auto-Submitted: no is a person', { headers: { 'auto-submitted': 'no' }, from: 'a@b.c' }, 'normal'],
    [
      'Auto-Submitted: auto-replied',
      { headers: { 'auto-submitted': 'auto-replied' }, from: 'a@b.c' },
      'auto_reply',
    ],
    ['X-Autoreply', { headers: { 'x-autoreply': 'yes' }, from: 'a@b.c' }, 'auto_reply'],
    ['X-Autorespond', { headers: { 'x-autorespond': 'Vacation' }, from: 'a@b.c' }, 'auto_reply'],
    ['Exchange OOF', { headers: { 'x-auto-response-suppress': 'All' }, from: 'a@b.c' }, 'auto_reply'],
    ['Precedence auto_reply', { headers: { precedence: 'auto_reply' }, from: 'a@b.c' }, 'auto_reply'],
    ['empty Return-Path', { headers: { 'return-path': '<>' }, from: 'a@b.c' }, 'auto_reply'],
    [
      'Korean OOO subject',
      { headers: {}, from: 'a@b.c', subject: '[부재중] 11월 30일까지 휴가입니다' },
      'auto_reply',
    ],
    [
      'Korean auto-reply subject',
      { headers: {}, from: 'a@b.c', subject: '자동 응답: 문의드립니다' },
      'auto_reply',
    ],
    [
      'English OOO subject',
      { headers: {}, from: 'a@b.c', subject: 'Out of Office: Re: order' },
      'auto_reply',
    ],
    [
      'a person asking about a missed call',
      { headers: {}, from: 'a@b.c', subject: '부재중 전화 관련 문의' },
      'normal',
    ],
    [
      'a person asking about auto-replies',
      { headers: {}, from: 'a@b.c', subject: '자동 응답 설정 방법 문의' },
      'normal',
    ],
    [
      'a person asking about office hours',
      { headers: {}, from: 'a@b.c', subject: 'Out of office hours support?' },
      'normal',
    ],
    [
      'Outlook Korean OOO prefix',
      { headers: {}, from: 'a@b.c', subject: '자동 회신: 견적 요청' },
      'auto_reply',
    ],
    ['Outlook OOO prefix', { headers: {}, from: 'a@b.c', subject: 'Automatic reply: Quote' }, 'auto_reply'],
    ['Precedence bulk', { headers: { precedence: 'bulk' }, from: 'news@shop.com' }, 'bulk'],
    ['Precedence list', { headers: { precedence: 'list' }, from: 'l@x.org' }, 'bulk'],
    ['List-Id', { headers: { 'list-id': '<dev.lists.example.org>' }, from: 'l@x.org' }, 'bulk'],
    ['List-Unsubscribe', { headers: { 'list-unsubscribe': '<mailto:u@x>' }, from: 'n@x.org' }, 'bulk'],
    ['MAILER-DAEMON', { headers: {}, from: 'MAILER-DAEMON@mx.example.com' }, 'bounce'],
    ['postmaster', { headers: {}, from: 'postmaster@naver.com' }, 'bounce'],
    [
      'delivery-status report',
      {
        headers: { 'content-type': 'multipart/report; report-type=delivery-status; boundary="x"' },
        from: 'mail@x.com',
      },
      'bounce',
    ],
    ['X-Failed-Recipients', { headers: { 'x-failed-recipients': 'gone@x.com' }, from: 'a@b.c' }, 'bounce'],
  ];
  for (const [label, input, expected] of cases) {
    it(label, () => assert.equal(classifyInboundMail(input), expected));
  }
});

describe('extractTicketNumberFromSubject', () => {
  const cases: [string, number | null][] = [
    ['Re: [#1234] Refund please', 1234],
    ['RE: RE: [#77] 환불', 77],
    ['답장: [#12] 배송 문의', 12],
    ['회신: 회신: #99 결제 오류', 99],
    ['FW: #5 invoice', 5],
    ['전달: [ # 8 ] 문의', 8],
    ['Order #A12 is late', null],
    ['I paid 100# dollars', null],
    ['no number here', null],
    ['', null],
  ];
  for (const [subject, expected] of cases) {
    it(JSON.stringify(subject), () => assert.equal(extractTicketNumberFromSubject(subject), expected));
  }
  it('strips the reply prefixes', () => assert.equal(stripReplyPrefixes('Re: 답장: FW: hello'), 'hello'));
});

describe('decideThread', () => {
  const open = { ticketId: 't1', status: 'open' as const };
  const none = {
    byReference: null,
    byReplyToken: null,
    bySubjectNumber: null,
    senderKnownToSubjectTicket: false,
  };
  it('no lookup: a new ticket', () => assert.deepEqual(decideThread(none), { kind: 'new_ticket' }));
  it('by reference', () =>
    assert.deepEqual(decideThread({ ...none, byReference: open }), {
      kind: 'append',
      ticketId: 't1',
      via: 'reference',
    }));
  it('by reply token', () =>
    assert.deepEqual(decideThread({ ...none, byReplyToken: open }), {
      kind: 'append',
      ticketId: 't1',
      via: 'reply_token',
    }));
  it('subject number with a known sender', () =>
    assert.deepEqual(decideThread({ ...none, bySubjectNumber: open, senderKnownToSubjectTicket: true }), {
      kind: 'append',
      ticketId: 't1',
      via: 'subject',
    }));
  it('subject number from a stranger: a new ticket', () =>
    assert.deepEqual(decideThread({ ...none, bySubjectNumber: open }), { kind: 'new_ticket' }));
  it('closed ticket: a follow-up', () =>
    assert.deepEqual(decideThread({ ...none, byReference: { ticketId: 't9', status: 'closed' } }), {
      kind: 'follow_up',
      closedTicketId: 't9',
      via: 'reference',
    }));
  it('a deleted ticket is skipped', () =>
    assert.deepEqual(
      decideThread({
        ...none,
        byReference: { ...open, deleted: true },
        byReplyToken: { ticketId: 't2', status: 'solved' },
      }),
      { kind: 'append', ticketId: 't2', via: 'reply_token' },
    ));
  it('parses Message-ID lists', () => {
    assert.deepEqual(parseMessageIdList('<a@x> <b@y>\r\n <c@z>'), ['a@x', 'b@y', 'c@z']);
    assert.equal(normaliseMessageId(' <abc@host> '), 'abc@host');
    assert.equal(normaliseMessageId('bare@host'), 'bare@host');
    assert.equal(normaliseMessageId(''), null);
  });
});

describe('stripQuotedReply', () => {
  const cases: [string, string, string][] = [
    [
      'Gmail English',
      'Thanks, it works.\n\nOn Mon, Nov 23, 2026 at 3:00 PM Support <s@x.com> wrote:\n> Try again',
      'Thanks, it works.',
    ],
    [
      'Gmail wrapped "wrote:"',
      'Fine now\n\nOn Mon, Nov 23, 2026 at 3:00 PM Support Team <support@example.com>\nwrote:\n> old',
      'Fine now',
    ],
    [
      'Gmail Korean',
      '확인했습니다. 감사합니다.\n\n2026년 11월 23일 (월) 오후 3:00, 홍길동 <a@b.com>님이 작성:\n> 이전 내용',
      '확인했습니다. 감사합니다.',
    ],
    [
      'Outlook Original Message',
      'Please refund.\n\n-----Original Message-----\nFrom: Support\nSent: Monday\nSubject: Re: x\n\nold',
      'Please refund.',
    ],
    [
      'Outlook header block',
      'See attached.\n\nFrom: Support <s@x.com>\nSent: Monday, November 23, 2026 3:00 PM\nTo: me\nSubject: x\n\nold',
      'See attached.',
    ],
    [
      'Outlook Korean header block',
      '네 알겠습니다.\n\n보낸 사람: 고객지원 <s@x.com>\n보낸 날짜: 2026년 11월 23일 월요일 오후 3:00\n받는 사람: 김민수\n제목: RE: 문의\n\n이전',
      '네 알겠습니다.',
    ],
    [
      'Naver / Daum Original Message',
      '주문번호 1234 입니다.\n\n-----Original Message-----\nFrom: "고객센터"<help@x.com>\nTo: <me@naver.com>;\nSent: 2026-11-23 (월) 15:00:00\n이전',
      '주문번호 1234 입니다.',
    ],
    ['Outlook Korean separator', '답변 감사합니다\n-----원본 메시지-----\n보낸 사람: x', '답변 감사합니다'],
    ['"> " quoted tail', 'yes please\n\n> Do you want a refund?\n> Thanks', 'yes please'],
    ['signature', 'Hello\n\n-- \nKim Minsu\nACME Corp', 'Hello'],
    ['Sent from my iPhone', 'OK\n\nSent from my iPhone', 'OK'],
    ['iPhone에서 보냄', '네\n\niPhone에서 보냄', '네'],
    ['Galaxy에서 보냄', '알겠습니다\n\nGalaxy에서 보냄', '알겠습니다'],
  ];
  for (const [label, input, expected] of cases) {
    it(label, () => {
      const out = stripQuotedReply(input);
      assert.equal(out.text, expected);
      assert.equal(out.stripped, true);
    });
  }
  it('keeps a message without history whole', () =>
    assert.deepEqual(stripQuotedReply('Where is my order?\nIt was due Monday.'), {
      text: 'Where is my order?\nIt was due Monday.',
      stripped: false,
    }));
  it('keeps forwarded mail', () => {
    const text =
      'FYI\n\n---------- Forwarded message ---------\nFrom: Shop <s@x.com>\nDate: Mon\nSubject: Order\n\nbody';
    assert.equal(stripQuotedReply(text).stripped, false);
  });
  it('keeps everything when only quotes would remain', () =>
    assert.equal(stripQuotedReply('> only a quote').text, '> only a quote'));
  it('does not cut at a sentence that merely mentions writing', () =>
    assert.equal(stripQuotedReply('This is what I wrote:\nhello').stripped, false));
});
