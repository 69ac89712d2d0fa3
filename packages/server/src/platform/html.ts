/**
 * Message bodies arrive as HTML (email, the web composer) or text (chat, API). We store a
 * sanitised HTML version for display and a plain-text version for search, previews and
 * rules. The allow-list keeps what mail clients produce (tables, inline styles, cid: images)
 * and drops scripts, event handlers, iframes and javascript: URLs.
 */
import { compile } from 'html-to-text';
import sanitizeHtml from 'sanitize-html';

const sanitizeOptions: sanitizeHtml.IOptions = {
  allowedTags: [
    ...sanitizeHtml.defaults.allowedTags,
    'img',
    'span',
    'font',
    'center',
    'u',
    's',
    'del',
    'ins',
    'sub',
    'sup',
    'hr',
  ],
  allowedAttributes: {
    '*': ['style', 'dir', 'lang', 'title', 'align'],
    a: ['href', 'name', 'target', 'rel'],
    img: ['src', 'alt', 'width', 'height'],
    td: ['colspan', 'rowspan', 'width', 'valign'],
    th: ['colspan', 'rowspan', 'width', 'valign'],
    table: ['width', 'cellpadding', 'cellspacing', 'border'],
    font: ['color', 'face', 'size'],
  },
  allowedSchemes: ['http', 'https', 'mailto', 'tel'],
  allowedSchemesByTag: { img: ['http', 'https', 'cid', 'data'] },
  allowProtocolRelative: false,
  transformTags: {
    a: sanitizeHtml.simpleTransform('a', { rel: 'noopener noreferrer nofollow', target: '_blank' }),
  },
};

export function sanitizeMessageHtml(html: string): string {
  return sanitizeHtml(html, sanitizeOptions);
}

// Compiled once: `convert()` rebuilds its selector tables on every call, which showed up in
// the ticket-creation profile (docs/BENCHMARKS.md).
const convertToText = compile({
  wordwrap: false,
  selectors: [
    { selector: 'a', options: { ignoreHref: true } },
    { selector: 'img', format: 'skip' },
  ],
});

export function htmlToPlainText(html: string): string {
  return convertToText(html).trim();
}

const escapes: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export function textToHtml(text: string): string {
  const escaped = text.replace(/[&<>"']/g, (c) => escapes[c] ?? c);
  return escaped
    .split(/\n{2,}/)
    .map((para) => `<p>${para.replace(/\n/g, '<br>')}</p>`)
    .join('');
}

/** Both forms of a body given as text, HTML or both; HTML wins for display when given. */
export function messageBodies(input: { bodyText?: string | undefined; bodyHtml?: string | undefined }): {
  html: string;
  text: string;
} {
  if (input.bodyHtml !== undefined && input.bodyHtml.trim() !== '') {
    const html = sanitizeMessageHtml(input.bodyHtml);
    return { html, text: input.bodyText?.trim() || htmlToPlainText(html) };
  }
  const text = (input.bodyText ?? '').trim();
  return { html: textToHtml(text), text };
}
