/**
 * Is an inbound mail written by a person, or by a machine answering on someone's behalf?
 * Auto-replies (out-of-office), bounces and bulk mail must never be answered automatically:
 * two auto-responders answering each other is the classic mail loop. RFC 3834 and the
 * headers real servers send (Exchange, Gmail, Naver, Daum, mailing-list software) decide.
 */
export type InboundClassification = 'normal' | 'auto_reply' | 'bounce' | 'bulk';

/** Header names lower-cased; a repeated header keeps its first value. */
export type MailHeaders = Readonly<Record<string, string | undefined>>;

export type ClassifyInput = {
  headers: MailHeaders;
  /** The sender's address (From), lower-cased or not. */
  from?: string | null | undefined;
  subject?: string | null | undefined;
};

// Only the forms auto-responders write: a prefix with a colon or a bracketed tag. A person
// asking "부재중 전화 관련 문의" (about a missed call) or "자동 응답 설정 방법" is not a machine.
const autoSubjects = [
  /^\s*(auto(matic)?[ -]?(reply|response|antwort)|out of (the )?office( auto ?reply)?|ooo|away from (the )?office)\s*[:：]/i,
  /^\s*(자동\s*응답|자동\s*회신|부재\s*중|휴가\s*중|부재\s*알림)\s*[:：]/,
  /\[\s*(부재\s*중|부재\s*알림|자동\s*응답|자동\s*회신|휴가\s*중|auto[ -]?reply|out of office)\s*\]/i,
  /^\s*(不在|自動応答|自动回复)\s*[:：]/,
];
const bounceSubjects =
  /^\s*(undeliver(ed|able)|delivery (status notification|failure|has failed)|returned mail|mail delivery (failed|system)|failure notice|메일 전송 실패|전송 실패)/i;
const daemonSenders = /^(mailer-daemon|postmaster|mail-daemon|mailerdaemon)@/i;

export function classifyInboundMail(input: ClassifyInput): InboundClassification {
  const h = input.headers;
  const from = (input.from ?? '').trim().toLowerCase();
  const subject = input.subject ?? '';
  const contentType = (h['content-type'] ?? '').toLowerCase();

  // Bounces first: a bounce is also "auto-submitted", but it tells us more.
  if (/multipart\/report/.test(contentType) && /report-type\s*=\s*"?delivery-status/.test(contentType)) {
    return 'bounce';
  }
  if (h['x-failed-recipients']) return 'bounce';
  if (daemonSenders.test(from)) return 'bounce';
  if (bounceSubjects.test(subject) && (isEmptyReturnPath(h['return-path']) || !from)) return 'bounce';

  const autoSubmitted = (h['auto-submitted'] ?? '').trim().toLowerCase();
  if (autoSubmitted && autoSubmitted !== 'no') return 'auto_reply';
  if (h['x-autoreply'] || h['x-autorespond'] || h['x-autoresponder']) return 'auto_reply';
  const suppress = (h['x-auto-response-suppress'] ?? '').toLowerCase();
  // Exchange marks its own out-of-office replies with OOF/All; a person's mail never carries it.
  if (/\b(all|oof|autoreply)\b/.test(suppress)) return 'auto_reply';
  const precedence = (h.precedence ?? '').trim().toLowerCase();
  if (precedence === 'auto_reply') return 'auto_reply';
  if (autoSubjects.some((re) => re.test(subject))) return 'auto_reply';
  if (isEmptyReturnPath(h['return-path'])) return 'auto_reply';

  if (precedence === 'bulk' || precedence === 'junk' || precedence === 'list') return 'bulk';
  if (h['list-id'] || h['list-unsubscribe']) return 'bulk';
  return 'normal';
}

/** `Return-Path: <>`: the null sender of RFC 5321, used only by automatic mail. */
function isEmptyReturnPath(value: string | undefined): boolean {
  return value !== undefined && /^\s*<\s*>\s*$/.test(value);
}

/** Auto-replies and bounces must not reopen tickets or trigger automations. */
export function isAutoSubmitted(classification: InboundClassification): boolean {
  return classification !== 'normal';
}
