/**
 * The words around an outbound mail, in Korean or English: subject with the ticket number
 * (so a reply threads even when a client drops the headers), the body, the mailbox's
 * signature and a footer. Text and HTML are built from the same parts; every piece of text
 * that goes into HTML is escaped, and message HTML was sanitised when it was stored.
 */
import { stripReplyPrefixes } from '@switchboard/core';
import { textToHtml } from '../../../platform/html.ts';

export type MailLocale = 'ko' | 'en';

/** Korean for a Korean ticket or requester, English otherwise. */
export function mailLocaleOf(...languages: (string | null | undefined)[]): MailLocale {
  const first = languages.find((l) => l !== null && l !== undefined && l.trim() !== '');
  return first?.toLowerCase().startsWith('ko') ? 'ko' : 'en';
}

const words = {
  en: {
    footer: (n: string) => `Ticket #${n} · Reply to this email to continue the conversation.`,
    fallbackIntro:
      'We could not answer your chat right away, so we will continue by email. Just reply to this message.',
    transcript: 'Your conversation',
    you: 'You',
    us: 'Support',
  },
  ko: {
    footer: (n: string) => `티켓 #${n} · 이 메일에 회신하시면 대화가 이어집니다.`,
    fallbackIntro: '채팅으로 바로 답변드리지 못해 이메일로 이어서 안내드리겠습니다. 이 메일에 회신해 주세요.',
    transcript: '대화 내용',
    you: '고객님',
    us: '상담원',
  },
} as const;

const escapes: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};
const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => escapes[c] ?? c);

/** `[#123] Subject`, with `Re: ` when the mail answers an earlier one. */
export function mailSubject(ticketNumber: string, subject: string, isReply: boolean): string {
  const tag = `[#${ticketNumber}]`;
  const bare = stripReplyPrefixes(subject.replace(tag, '')).trim();
  const base = `${tag} ${bare}`.trim();
  return isReply ? `Re: ${base}` : base;
}

export type MailBody = { text: string; html: string };

function assemble(
  locale: MailLocale,
  parts: { bodyText: string; bodyHtml: string; signature: string; ticketNumber: string | null },
): MailBody {
  const w = words[locale];
  const signature = parts.signature.trim();
  const footer = parts.ticketNumber ? w.footer(parts.ticketNumber) : '';
  const text = [parts.bodyText.trim(), signature ? `-- \n${signature}` : '', footer]
    .filter((p) => p !== '')
    .join('\n\n');
  const html = [
    `<!doctype html><html lang="${locale}"><head><meta charset="utf-8"></head><body>`,
    `<div dir="auto">${parts.bodyHtml}</div>`,
    signature ? `<div class="signature">-- <br>${escapeHtml(signature).replace(/\n/g, '<br>')}</div>` : '',
    footer ? `<p style="color:#6b7280;font-size:12px">${escapeHtml(footer)}</p>` : '',
    '</body></html>',
  ].join('');
  return { text, html };
}

/** An agent's or a rule's public reply. */
export function replyBody(
  locale: MailLocale,
  input: { bodyText: string; bodyHtml: string; signature: string; ticketNumber: string },
): MailBody {
  return assemble(locale, input);
}

/** A notification of the outbox (its text was rendered by the rule). */
export function notificationBody(
  locale: MailLocale,
  input: { bodyText: string; bodyHtml: string; ticketNumber: string | null },
): MailBody {
  return assemble(locale, { ...input, signature: '' });
}

export type TranscriptLine = { fromCustomer: boolean; name: string | null; at: Date; text: string };

/** The chat so far, sent once when an unanswered chat continues by email. */
export function fallbackBody(
  locale: MailLocale,
  input: { lines: TranscriptLine[]; signature: string; ticketNumber: string },
): MailBody {
  const w = words[locale];
  const who = (l: TranscriptLine) => l.name ?? (l.fromCustomer ? w.you : w.us);
  const stamp = (d: Date) => d.toISOString().slice(0, 16).replace('T', ' ');
  const transcript = input.lines.map((l) => `[${stamp(l.at)} UTC] ${who(l)}: ${l.text}`).join('\n');
  const bodyText = `${w.fallbackIntro}\n\n${w.transcript}:\n${transcript}`;
  const bodyHtml = `${textToHtml(w.fallbackIntro)}<h3>${escapeHtml(w.transcript)}</h3><ul>${input.lines
    .map(
      (l) =>
        `<li><strong>${escapeHtml(who(l))}</strong> <small>${escapeHtml(stamp(l.at))} UTC</small><br>${escapeHtml(l.text).replace(/\n/g, '<br>')}</li>`,
    )
    .join('')}</ul>`;
  return assemble(locale, {
    bodyText,
    bodyHtml,
    signature: input.signature,
    ticketNumber: input.ticketNumber,
  });
}
