/**
 * Our outbound subjects carry `[#1234]`; customers' clients add "Re:", "RE:", "답장:",
 * "회신:", "FW:", "전달:" and friends in front. The number alone never threads a mail (anyone
 * can type "#12"): the sender must belong to that ticket, see decideThread.
 */
const replyPrefix =
  /^\s*(?:(?:re|aw|sv|fw|fwd|wg|tr|답장|회신|전달|답변|reply|転送|返信)\s*(?:\[\d+\])?\s*[:：]\s*)+/iu;

export function stripReplyPrefixes(subject: string): string {
  return subject.replace(replyPrefix, '').trim();
}

export function extractTicketNumberFromSubject(subject: string | null | undefined): number | null {
  if (!subject) return null;
  const bracketed = /\[\s*#\s*(\d{1,12})\s*\]/.exec(subject);
  const match = bracketed ?? /(?:^|[\s(:：])#(\d{1,12})(?![\d\w])/u.exec(stripReplyPrefixes(subject));
  if (!match?.[1]) return null;
  const n = Number(match[1]);
  return Number.isSafeInteger(n) && n > 0 ? n : null;
}
