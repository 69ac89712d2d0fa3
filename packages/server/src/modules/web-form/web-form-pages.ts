/**
 * Server-rendered pages of the public contact form: plain HTML that works without
 * JavaScript, every value escaped, styles inline and allowed by hash in the
 * Content-Security-Policy (no script is allowed at all).
 */
import { createHash } from 'node:crypto';
import type { WebFormFields, WebFormLanguage, WebFormText } from '@switchboard/core';

export function escapeHtml(value: string): string {
  return value
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

const css = `
*{box-sizing:border-box}
body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI","Apple SD Gothic Neo","Malgun Gothic",sans-serif;color:#1f2328;background:#f6f8fa}
main{max-width:40rem;margin:2rem auto;padding:2rem;background:#fff;border:1px solid #d0d7de;border-radius:8px}
h1{font-size:1.5rem;margin:0 0 .5rem}
label{display:block;font-weight:600;margin-top:1rem}
input,textarea{display:block;width:100%;margin-top:.25rem;padding:.5rem;font:inherit;border:1px solid #8c959f;border-radius:6px}
input:focus,textarea:focus,button:focus{outline:3px solid #0969da;outline-offset:1px}
textarea{min-height:10rem}
[aria-invalid=true]{border-color:#cf222e}
.error{color:#cf222e;margin:.25rem 0 0}
.hint{color:#57606a;margin:.25rem 0 0;font-size:.875rem}
.alert{padding:.75rem 1rem;border:1px solid #cf222e;border-radius:6px;background:#ffebe9}
.notice{padding:.75rem 1rem;border:1px solid #1a7f37;border-radius:6px;background:#dafbe1}
.trap{position:absolute;left:-10000px;width:1px;height:1px;overflow:hidden}
button{margin-top:1.5rem;padding:.6rem 1.5rem;font:inherit;font-weight:600;color:#fff;background:#1f883d;border:0;border-radius:6px;cursor:pointer}
`.trim();

const cssHash = createHash('sha256').update(css).digest('base64');

/** No scripts, no frames, no plugins; the form posts only to this origin. */
export const contentSecurityPolicy = [
  "default-src 'none'",
  `style-src 'sha256-${cssHash}'`,
  "img-src 'self'",
  "form-action 'self'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join('; ');

type Layout = {
  lang: WebFormLanguage;
  title: string;
  description: string;
  canonicalUrl?: string;
  body: string;
};

function layout(page: Layout): string {
  return `<!doctype html>
<html lang="${page.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(page.title)}</title>
<meta name="description" content="${escapeHtml(page.description)}">
${page.canonicalUrl ? `<link rel="canonical" href="${escapeHtml(page.canonicalUrl)}">\n` : ''}<style>${css}</style>
</head>
<body>
<main>
${page.body}
</main>
</body>
</html>
`;
}

export type FormField = keyof WebFormFields | 'files';

export type FormPage = {
  lang: WebFormLanguage;
  text: WebFormText;
  workspaceName: string;
  heading: string;
  action: string;
  canonicalUrl: string;
  token: string;
  values: WebFormFields;
  errors: Partial<Record<FormField, string>>;
  /** A message about the whole form (too fast, expired). */
  notice?: string | undefined;
  maxFiles: number;
  maxFileMegabytes: number;
};

export function renderFormPage(p: FormPage): string {
  const { text } = p;
  const invalid = Object.keys(p.errors).length > 0;
  const field = (name: keyof WebFormFields, label: string, input: (attrs: string) => string): string => {
    const error = p.errors[name];
    const attrs = `id="${name}" name="${name}" required aria-required="true"${
      error ? ` aria-invalid="true" aria-describedby="${name}-error"` : ''
    }`;
    return `<label for="${name}">${escapeHtml(label)}</label>
${input(attrs)}
${error ? `<p class="error" id="${name}-error">${escapeHtml(error)}</p>` : ''}`;
  };
  const filesError = p.errors.files;
  const summary = p.notice ?? (invalid ? text.errorSummary : undefined);
  const body = `<h1>${escapeHtml(p.heading)}</h1>
<p>${escapeHtml(text.intro)}</p>
${summary ? `<div class="alert" role="alert"><p>${escapeHtml(summary)}</p></div>` : ''}
<form method="post" action="${escapeHtml(p.action)}" enctype="multipart/form-data" novalidate>
<input type="hidden" name="token" value="${escapeHtml(p.token)}">
<div class="trap" aria-hidden="true">
<label for="website">${escapeHtml(text.honeypotLabel)}</label>
<input type="text" id="website" name="website" tabindex="-1" autocomplete="off">
</div>
${field('name', text.name, (a) => `<input type="text" ${a} autocomplete="name" maxlength="200" value="${escapeHtml(p.values.name)}">`)}
${field('email', text.email, (a) => `<input type="email" ${a} autocomplete="email" maxlength="320" value="${escapeHtml(p.values.email)}">`)}
${field('subject', text.subject, (a) => `<input type="text" ${a} maxlength="500" value="${escapeHtml(p.values.subject)}">`)}
${field('message', text.message, (a) => `<textarea ${a} maxlength="20000">${escapeHtml(p.values.message)}</textarea>`)}
<label for="files">${escapeHtml(text.files)}</label>
<input type="file" id="files" name="files" multiple aria-describedby="files-hint${filesError ? ' files-error' : ''}"${filesError ? ' aria-invalid="true"' : ''}>
<p class="hint" id="files-hint">${escapeHtml(text.filesHint(p.maxFiles, p.maxFileMegabytes))}</p>
${filesError ? `<p class="error" id="files-error">${escapeHtml(filesError)}</p>` : ''}
<button type="submit">${escapeHtml(text.submit)}</button>
</form>`;
  return layout({
    lang: p.lang,
    title: `${p.heading} – ${p.workspaceName}`,
    description: text.description,
    canonicalUrl: p.canonicalUrl,
    body,
  });
}

export function renderMessagePage(p: {
  lang: WebFormLanguage;
  title: string;
  message: string;
  workspaceName?: string;
  description: string;
  role?: 'status' | 'alert';
}): string {
  const cls = p.role === 'alert' ? 'alert' : 'notice';
  return layout({
    lang: p.lang,
    title: p.workspaceName ? `${p.title} – ${p.workspaceName}` : p.title,
    description: p.description,
    body: `<h1>${escapeHtml(p.title)}</h1>
<div class="${cls}" role="${p.role ?? 'status'}"><p>${escapeHtml(p.message)}</p></div>`,
  });
}
