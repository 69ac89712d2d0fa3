/**
 * Cuts the quoted history and the phone signature off a reply, so the ticket shows what
 * the customer wrote now. English and Korean clients: Gmail ("On … wrote:", "…님이 작성:"),
 * Outlook ("-----Original Message-----", "-----원본 메시지-----", a "From:/보낸 사람:" header
 * block), Naver and Daum ("-----Original Message-----"), "> " quotes, "-- " signatures and
 * "Sent from my iPhone" / "iPhone에서 보냄" / "Galaxy에서 보냄". Forwarded mail keeps the
 * forwarded part: that is the content. When nothing would be left, the text is kept whole.
 */
export type StrippedReply = { text: string; stripped: boolean };

const separatorLines = [
  /^-{2,}\s*(original message|원본 메시지|원본 메일|original mail)\s*-{2,}\s*$/i,
  /^_{20,}\s*$/,
  /^-{2,}\s*(reply message|회신 메시지)\s*-{2,}\s*$/i,
];
const wroteLines = [
  // Gmail, Apple Mail, Thunderbird: "On Mon, 23 Nov 2026 at 15:00, Hong <a@b> wrote:".
  /^(on|le|am)\s.{4,300}\s(wrote|a écrit|schrieb)\s*:\s*$/i,
  /^.{0,300}(@|\d).{0,300}\s(wrote|writes)\s*:\s*$/i,
  // Gmail in Korean: "2026년 11월 23일 (월) 오후 3:00, 홍길동 <a@b>님이 작성:".
  /^.{0,300}님이\s*작성\s*:\s*$/,
  /^.{0,300}\d.{0,300}(작성|씀)\s*:\s*$/,
];
const headerStart = /^\s*\**\s*(from|보낸\s*사람|보낸사람|발신자|발신|보낸이)\s*\**\s*[:：]/i;
const headerFollow =
  /^\s*\**\s*(sent|date|to|cc|subject|보낸\s*날짜|날짜|받는\s*사람|받는사람|수신자|수신|참조|제목|발신\s*일시|보낸\s*시간)\s*\**\s*[:：]/i;
const forwardMarkers = [
  /^-{2,}\s*(forwarded message|전달된 메일|전달된 메시지|전달 메시지)\s*-{2,}\s*$/i,
  /^begin forwarded message\s*:?\s*$/i,
];
const mobileSignatures = [
  /^sent from my (iphone|ipad|galaxy|samsung.*|android.*|mobile.*)$/i,
  /^(iphone|ipad|galaxy|samsung galaxy.*|갤럭시|모바일)에서 보냄\.?$/i,
  /^samsung galaxy .*에서 보냄\.?$/i,
  /^get outlook for (ios|android)$/i,
  /^(ios|android)용 outlook 받기$/i,
  /^네이버 메일 앱에서 보냄$/,
];

export function stripQuotedReply(input: string): StrippedReply {
  const text = input.replace(/\r\n?/g, '\n');
  const lines = text.split('\n');
  let cut = lines.length;
  for (let i = 0; i < lines.length; i++) {
    const line = (lines[i] as string).trim();
    if (forwardMarkers.some((re) => re.test(line))) break;
    if (startsQuote(lines, i)) {
      cut = i;
      break;
    }
  }
  let kept = lines.slice(0, cut);
  // A trailing block of "> " lines (quoted without a header line).
  let end = kept.length;
  while (end > 0 && /^\s*(>.*)?$/.test(kept[end - 1] as string)) end--;
  kept = kept.slice(0, end);
  // Signatures: "-- " (RFC 3676) and the phone footers.
  const sig = kept.findIndex((l) => l === '-- ' || l === '--');
  if (sig >= 0) kept = kept.slice(0, sig);
  kept = kept.filter((l) => !mobileSignatures.some((re) => re.test(l.trim())));
  const result = kept.join('\n').trim();
  if (result === '') return { text: text.trim(), stripped: false };
  return { text: result, stripped: result !== text.trim() };
}

function startsQuote(lines: string[], i: number): boolean {
  const line = (lines[i] as string).trim();
  if (line === '') return false;
  if (separatorLines.some((re) => re.test(line))) return true;
  if (wroteLines.some((re) => re.test(line))) return true;
  // "On Mon, 23 Nov 2026 at 15:00, Hong <a@b>" + "wrote:" on the next line (Gmail wraps).
  const next = (lines[i + 1] ?? '').trim();
  if (/^on\s/i.test(line) && /^.{0,200}wrote\s*:\s*$/i.test(next)) return true;
  if (/[0-9]{4}년/.test(line) && /님이\s*작성\s*:\s*$/.test(next)) return true;
  if (headerStart.test(line)) {
    for (let j = i + 1; j < Math.min(lines.length, i + 5); j++) {
      if (headerFollow.test(lines[j] as string)) return true;
    }
  }
  return false;
}
