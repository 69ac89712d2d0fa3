/**
 * Cuts the quoted history and signature off a customer reply. Email clients append the
 * previous conversation ("On … wrote:", "-----Original Message-----", "보낸 사람:",
 * "…님이 작성:") and that text is usually the agent's own words: "thank you for your
 * patience" or "the error is fixed" in a quote must not decide what the customer meant.
 */

export type StrippedText = { text: string; removedHistory: boolean };

// A line that starts the quoted part; everything from it onwards is dropped.
const historyStarts: readonly RegExp[] = [
  /^\s*-{2,}\s*(original message|forwarded message|원본 메시지|전달된 메시지)\s*-{2,}/i,
  /^\s*_{8,}\s*$/,
  /^\s*on\b.{0,240}\bwrote:\s*$/i,
  /^\s*le\b.{0,240}\ba écrit\s*:\s*$/i,
  /^\s*am\b.{0,240}\bschrieb\b.{0,120}:\s*$/i,
  /님이\s?작성(했습니다)?\s?:\s*$/,
  /^\s*보낸\s?사람\s?:/,
  /^\s*sent from my \w+/i,
  /^\s*(get )?outlook for (ios|android)/i,
  /(iphone|ipad|galaxy|android|갤럭시)에서 보냄\s*$/i,
  /^\s*--\s*$/,
];

// "From:" alone is too common in a message body; it starts history only when an email header
// ("Sent:", "Date:", "To:", "Subject:") follows within a few lines. "보낸 사람:" is only ever a header.
const headerLine = /^\s*(sent|date|to|cc|subject|보낸 날짜|받는 사람|제목|날짜)\s?:/i;
const fromLine = /^\s*from\s?:/i;

function startsHistory(lines: readonly string[], index: number): boolean {
  const line = lines[index] ?? '';
  if (line.trimStart().startsWith('>')) return true;
  if (fromLine.test(line)) {
    return lines.slice(index + 1, index + 5).some((next) => headerLine.test(next));
  }
  if (historyStarts.some((pattern) => pattern.test(line))) return true;
  // Gmail wraps a long attribution: "On Tue, 5 Mar 2024 at 10:12, Acme <a@b.com>" / "wrote:".
  const next = lines[index + 1];
  return next !== undefined && /^\s*on\b/i.test(line) && /^\s*wrote:\s*$/i.test(next);
}

/** Returns the text before the first quoted-history marker, and whether anything was removed. */
export function stripQuotedHistory(text: string): StrippedText {
  const lines = text.split(/\r?\n/);
  for (let index = 0; index < lines.length; index++) {
    if (!startsHistory(lines, index)) continue;
    const kept = lines.slice(0, index).join('\n').trim();
    // A reply that is nothing but a quote keeps its text: better a noisy signal than none.
    if (kept.length === 0) return { text: text.trim(), removedHistory: false };
    return { text: kept, removedHistory: true };
  }
  return { text: text.trim(), removedHistory: false };
}
