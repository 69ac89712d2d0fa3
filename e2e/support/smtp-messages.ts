/**
 * Raw messages the way Korean and Western mail clients write them, for the SMTP and IMAP
 * journeys. The EUC-KR texts are kept as bytes (base64) so that no encoder is needed here.
 */

/** "배송 문의드립니다" in EUC-KR. */
export const EUC_KR_SUBJECT = { text: '배송 문의드립니다', base64: 'uei82yC5rsDHteW4s7TPtNk=' };
/** Two lines of Korean in EUC-KR. */
export const EUC_KR_BODY = {
  text: '안녕하세요. 주문한 상품이 아직 도착하지 않았습니다.\r\n주문번호는 2026-1123 입니다.\r\n',
  base64:
    'vsiz58fPvLy/5C4gwda5rsfRILvzx7DAzCC+xsH3ILW1wvjHz8H2IL7KvtK9wLTPtNkuDQrB1rmuufjIo7TCIDIwMjYtMTEyMyDA1LTPtNkuDQo=',
};

export function eucKrMessage(input: { from: string; to: string; messageId: string }): string {
  return [
    `From: =?EUC-KR?B?sejB9rz2?= <${input.from}>`,
    `To: ${input.to}`,
    `Subject: =?EUC-KR?B?${EUC_KR_SUBJECT.base64}?=`,
    `Message-ID: <${input.messageId}>`,
    'Date: Mon, 23 Nov 2026 09:00:00 +0900',
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset="euc-kr"',
    'Content-Transfer-Encoding: base64',
    '',
    EUC_KR_BODY.base64,
    '',
  ].join('\r\n');
}

export function plainMessage(input: {
  from: string;
  to: string;
  subject: string;
  body: string;
  messageId: string;
  inReplyTo?: string;
}): string {
  return [
    `From: ${input.from}`,
    `To: ${input.to}`,
    `Subject: ${input.subject}`,
    `Message-ID: <${input.messageId}>`,
    ...(input.inReplyTo ? [`In-Reply-To: <${input.inReplyTo}>`, `References: <${input.inReplyTo}>`] : []),
    'Date: Mon, 23 Nov 2026 10:00:00 +0000',
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    'Content-Transfer-Encoding: 8bit',
    '',
    input.body,
    '',
  ].join('\r\n');
}
