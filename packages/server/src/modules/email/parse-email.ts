/**
 * Raw RFC 5322 bytes → the parts we store, with postal-mime (charsets: UTF-8, EUC-KR /
 * CP949 / ks_c_5601-1987, ISO-2022-JP, Shift_JIS, ISO-8859-1, windows-1252; encoded words).
 * Everything leaving here is safe to store and to reuse in headers we send later: no CR/LF
 * in any header-derived string, addresses syntactically plain and lower-cased, HTML
 * sanitised (scripts, handlers, iframes removed) and a plain-text form always present.
 */
import { type MailHeaders, normaliseMessageId, parseMessageIdList } from '@switchboard/core';
import PostalMime, { type Address, type Email } from 'postal-mime';
import { htmlToPlainText, sanitizeMessageHtml } from '../../platform/html.ts';
import { mediaTypeOf, sanitizeFilename } from '../attachments/attachment-policy.ts';
import { installCp949TextDecoder } from './cp949-decoder.ts';

// Korean mail is CP949 whatever its label says; Node's euc-kr decoder is not (cp949-decoder.ts).
installCp949TextDecoder();

export type ParsedAddress = { address: string; name: string };

export type ParsedAttachment = {
  filename: string;
  contentType: string;
  content: Buffer;
  /** Content-ID without angle brackets, for `cid:` references in the HTML. */
  contentId: string | null;
  inline: boolean;
};

export type ParsedEmail = {
  messageId: string | null;
  from: ParsedAddress | null;
  /** The From header as written, single-line, when no usable address could be read from it. */
  fromRaw: string;
  to: ParsedAddress[];
  cc: ParsedAddress[];
  replyTo: ParsedAddress[];
  subject: string;
  inReplyTo: string | null;
  references: string[];
  date: string | null;
  /** Lower-cased name → first value, single-line. */
  headers: MailHeaders;
  text: string;
  /** Sanitised HTML, or null for a text-only mail. */
  html: string | null;
  attachments: ParsedAttachment[];
};

// biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point.
const CONTROL = /[\u0000-\u001f\u007f]+/g;

/** One line, no control characters: what a decoded header may become. */
export function singleLine(value: string | null | undefined, max = 998): string {
  return (value ?? '').replace(CONTROL, ' ').replace(/\s+/g, ' ').trim().slice(0, max);
}

const ADDRESS = /^[^\s@<>()[\]\\,;:"]+@[a-z0-9.-]+\.[a-z0-9-]+$|^[^\s@<>()[\]\\,;:"]+@[a-z0-9-]+$/;

export function cleanAddress(value: string | null | undefined): string | null {
  const a = singleLine(value, 320).toLowerCase();
  return ADDRESS.test(a) ? a : null;
}

function mailboxes(list: Address[] | Address | undefined): ParsedAddress[] {
  const flat = (Array.isArray(list) ? list : list ? [list] : []).flatMap((a) => (a.group ? a.group : [a]));
  const out: ParsedAddress[] = [];
  for (const m of flat) {
    const address = cleanAddress(m.address);
    if (address) out.push({ address, name: singleLine(m.name, 200) });
  }
  return out;
}

export async function parseEmail(raw: Buffer): Promise<ParsedEmail> {
  const email: Email = await PostalMime.parse(raw, { attachmentEncoding: 'arraybuffer' });
  const headers: Record<string, string> = {};
  for (const h of email.headers) {
    if (!(h.key in headers)) headers[h.key] = singleLine(h.value, 4000);
  }
  const from = mailboxes(email.from)[0] ?? null;
  const attachments: ParsedAttachment[] = email.attachments.map((a, i) => {
    const content = Buffer.from(a.content as ArrayBuffer);
    const contentId = a.contentId ? singleLine(a.contentId).replace(/^<|>$/g, '') || null : null;
    const filename = sanitizeFilename(singleLine(a.filename ?? '', 255)) || defaultName(a.mimeType, i);
    return {
      filename,
      contentType: mediaTypeOf(a.mimeType) ?? 'application/octet-stream',
      content,
      contentId,
      inline: a.disposition === 'inline' || a.related === true,
    };
  });
  const rawHtml = email.html?.trim() ? email.html : null;
  const html = rawHtml ? sanitizeMessageHtml(rawHtml) : null;
  // HTML-only mail (many Korean webmail clients): the text comes from the sanitised HTML.
  const text = (email.text?.trim() ? email.text : html ? htmlToPlainText(html) : '')
    .replace(/\r\n?/g, '\n')
    .trim();
  return {
    messageId: normaliseMessageId(email.messageId),
    from,
    fromRaw: singleLine(headers.from ?? '', 320),
    to: mailboxes(email.to),
    cc: mailboxes(email.cc),
    replyTo: mailboxes(email.replyTo),
    subject: singleLine(email.subject, 500),
    inReplyTo: normaliseMessageId(email.inReplyTo),
    references: parseMessageIdList(email.references)
      .map((id) => normaliseMessageId(`<${id}>`))
      .filter((id): id is string => id !== null)
      .slice(-50),
    date: email.date ? singleLine(email.date, 100) : null,
    headers,
    text,
    html,
    attachments,
  };
}

function defaultName(mimeType: string, index: number): string {
  if (mimeType === 'message/rfc822') return `forwarded-${index + 1}.eml`;
  const ext = mimeType.split('/')[1]?.replace(/[^a-z0-9]/g, '') || 'bin';
  return `attachment-${index + 1}.${ext}`;
}
