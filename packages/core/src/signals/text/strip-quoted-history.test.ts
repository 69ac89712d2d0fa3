import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { stripQuotedHistory } from './strip-quoted-history.ts';

describe('stripQuotedHistory', () => {
  const cases: { name: string; text: string; kept: string }[] = [
    {
      name: 'Gmail attribution',
      text: 'Thanks!\n\nOn Tue, Mar 5, 2024 at 10:12 AM Acme <a@acme.com> wrote:\n> still failing?',
      kept: 'Thanks!',
    },
    {
      name: 'Gmail attribution wrapped over two lines',
      text: 'Thanks!\nOn Tue, 5 Mar 2024 at 10:12, Acme Support <a@acme.com>\nwrote:\n> still failing?',
      kept: 'Thanks!',
    },
    { name: 'Outlook original message', text: 'ok\n-----Original Message-----\nFrom: x', kept: 'ok' },
    {
      name: 'Outlook header block',
      text: 'Thank you\nFrom: Support <s@x.io>\nSent: Monday\nSubject: RE: x\nbody',
      kept: 'Thank you',
    },
    {
      name: 'Korean 보낸 사람',
      text: '감사합니다\n보낸 사람: 지원팀\n여전히 오류인가요?',
      kept: '감사합니다',
    },
    {
      name: 'Korean 님이 작성',
      text: '감사합니다\n\n2024년 3월 4일 (월) 오후 2:13, 지원팀 <s@x.kr>님이 작성:\n> 해결되었나요?',
      kept: '감사합니다',
    },
    { name: 'Korean original message', text: '네\n-------- 원본 메시지 --------\n내용', kept: '네' },
    { name: 'quoted lines', text: 'Works now\n> did it work?', kept: 'Works now' },
    {
      name: 'mobile signature',
      text: 'Thanks, that worked.\n\nSent from my iPhone',
      kept: 'Thanks, that worked.',
    },
    { name: 'signature delimiter', text: 'Thanks\n-- \nJane Doe\nAcme', kept: 'Thanks' },
  ];
  for (const { name, text, kept } of cases) {
    it(name, () => assert.deepEqual(stripQuotedHistory(text), { text: kept, removedHistory: true }));
  }

  it('leaves a "From:" line in the body alone when no header follows', () => {
    const text = 'From: my phone I cannot log in\nPlease help';
    assert.deepEqual(stripQuotedHistory(text), { text, removedHistory: false });
  });

  it('keeps a reply that is nothing but a quote', () => {
    assert.deepEqual(stripQuotedHistory('> only quote'), { text: '> only quote', removedHistory: false });
  });
});
