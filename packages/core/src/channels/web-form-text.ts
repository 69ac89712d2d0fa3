/**
 * The public contact form's words in Korean and English, and the choice of language from
 * `?lang=` or the browser's Accept-Language. Pure, so the pages and their tests share them.
 */
export const webFormLanguages = ['ko', 'en'] as const;
export type WebFormLanguage = (typeof webFormLanguages)[number];

export type WebFormText = {
  title: string;
  description: string;
  intro: string;
  name: string;
  email: string;
  subject: string;
  message: string;
  files: string;
  filesHint: (maxFiles: number, maxMegabytes: number) => string;
  submit: string;
  required: string;
  invalidEmail: string;
  tooLong: (max: number) => string;
  thanksTitle: string;
  thanks: (ticketNumber: string) => string;
  thanksNoNumber: string;
  tooFast: string;
  expired: string;
  rateLimited: string;
  fileTooLarge: (maxMegabytes: number) => string;
  tooManyFiles: (maxFiles: number) => string;
  fileTypeNotAllowed: string;
  errorSummary: string;
  unavailable: string;
  honeypotLabel: string;
};

const ko: WebFormText = {
  title: '문의하기',
  description: '지원팀에 문의를 남겨 주세요. 답변은 이메일로 보내 드립니다.',
  intro: '문의 내용을 남겨 주시면 이메일로 답변해 드립니다.',
  name: '이름',
  email: '이메일',
  subject: '제목',
  message: '문의 내용',
  files: '첨부 파일 (선택)',
  filesHint: (n, mb) => `최대 ${n}개, 파일당 ${mb}MB까지 첨부할 수 있습니다.`,
  submit: '보내기',
  required: '필수 항목입니다.',
  invalidEmail: '올바른 이메일 주소를 입력해 주세요.',
  tooLong: (max) => `${max}자 이하로 입력해 주세요.`,
  thanksTitle: '문의가 접수되었습니다',
  thanks: (n) => `문의해 주셔서 감사합니다. 접수 번호는 #${n}입니다. 곧 이메일로 답변드리겠습니다.`,
  thanksNoNumber: '문의해 주셔서 감사합니다. 곧 이메일로 답변드리겠습니다.',
  tooFast: '양식이 너무 빨리 제출되었습니다. 잠시 후 다시 보내 주세요.',
  expired: '양식이 만료되었습니다. 내용을 확인한 뒤 다시 보내 주세요.',
  rateLimited: '짧은 시간에 너무 많은 문의가 접수되었습니다. 잠시 후 다시 시도해 주세요.',
  fileTooLarge: (mb) => `파일은 ${mb}MB 이하만 첨부할 수 있습니다.`,
  tooManyFiles: (n) => `파일은 최대 ${n}개까지 첨부할 수 있습니다.`,
  fileTypeNotAllowed: '이 형식의 파일은 첨부할 수 없습니다.',
  errorSummary: '입력 내용을 확인해 주세요.',
  unavailable: '문의 양식을 사용할 수 없습니다.',
  honeypotLabel: '이 칸은 비워 두세요',
};

const en: WebFormText = {
  title: 'Contact us',
  description: 'Send a request to our support team. We answer by email.',
  intro: 'Tell us how we can help and we will answer by email.',
  name: 'Name',
  email: 'Email',
  subject: 'Subject',
  message: 'Message',
  files: 'Attachments (optional)',
  filesHint: (n, mb) => `Up to ${n} files, ${mb} MB each.`,
  submit: 'Send',
  required: 'This field is required.',
  invalidEmail: 'Enter a valid email address.',
  tooLong: (max) => `Use at most ${max} characters.`,
  thanksTitle: 'Request received',
  thanks: (n) => `Thank you. Your request number is #${n}; we will answer by email soon.`,
  thanksNoNumber: 'Thank you. We will answer by email soon.',
  tooFast: 'The form was sent too quickly. Please wait a moment and send it again.',
  expired: 'The form has expired. Please check your message and send it again.',
  rateLimited: 'Too many requests were sent in a short time. Please try again later.',
  fileTooLarge: (mb) => `Each file may be at most ${mb} MB.`,
  tooManyFiles: (n) => `Attach at most ${n} files.`,
  fileTypeNotAllowed: 'Files of this type cannot be attached.',
  errorSummary: 'Please check the highlighted fields.',
  unavailable: 'The contact form is not available.',
  honeypotLabel: 'Leave this field empty',
};

export const webFormText: Record<WebFormLanguage, WebFormText> = { ko, en };

/** `?lang=` wins; otherwise the first supported language of Accept-Language by q-value; else Korean. */
export function chooseWebFormLanguage(
  queryLang: string | undefined,
  acceptLanguage: string | undefined,
): WebFormLanguage {
  const supported = (tag: string | undefined) =>
    webFormLanguages.find((l) => tag?.trim().toLowerCase().split('-')[0] === l);
  const fromQuery = supported(queryLang);
  if (fromQuery) return fromQuery;
  const ranked = (acceptLanguage ?? '')
    .split(',')
    .map((part, index) => {
      const [tag, ...params] = part.split(';');
      const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)?.[1]).find(Boolean);
      return { tag, q: q === undefined ? 1 : Number(q), index };
    })
    .filter((r) => r.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index);
  for (const r of ranked) {
    const lang = supported(r.tag);
    if (lang) return lang;
  }
  return 'ko';
}

export type WebFormFields = { name: string; email: string; subject: string; message: string };
export const webFormLimits = { name: 200, email: 320, subject: 500, message: 20_000 } as const;

/** Field name → message in the page's language; empty when the submission is valid. */
export function validateWebForm(
  fields: WebFormFields,
  text: WebFormText,
): Partial<Record<keyof WebFormFields, string>> {
  const errors: Partial<Record<keyof WebFormFields, string>> = {};
  for (const key of ['name', 'email', 'subject', 'message'] as const) {
    const value = fields[key].trim();
    if (value === '') errors[key] = text.required;
    else if (value.length > webFormLimits[key]) errors[key] = text.tooLong(webFormLimits[key]);
  }
  if (!errors.email && !/^[^\s@<>()",;]+@[^\s@<>()",;]+\.[^\s@<>()",;]+$/.test(fields.email.trim())) {
    errors.email = text.invalidEmail;
  }
  return errors;
}
