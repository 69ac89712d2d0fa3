/**
 * Realistic inbound mail for the email benchmark, built once before the clock starts:
 * English and Korean (UTF-8, some as HTML with a text part), EUC-KR from older Korean
 * clients, one in ten with a 100 KB PDF attachment, and replies (In-Reply-To/References)
 * to mail stored during the warm-up. Every message has its own Message-ID; senders rotate
 * over many addresses so the per-sender loop guard never trips.
 */
import { randomBytes } from 'node:crypto';
import nodemailer, { type SendMailOptions } from 'nodemailer';

export type BenchMail = { from: string; raw: Buffer; kind: MailKind };
export type MailKind = 'english' | 'korean' | 'korean-html' | 'euc-kr' | 'attachment' | 'reply';

const englishSubjects = [
  'Order 4471 has not arrived',
  'Refund for a damaged item',
  'Cannot reset my password',
  'Invoice address needs changing',
  'Question about the annual plan',
  'App crashes when uploading a photo',
];
const englishBodies = [
  'Hello,\n\nI ordered a desk lamp two weeks ago and the tracking page has not changed since Monday. Could you check where the parcel is?\n\nThanks,\n',
  'Hi team,\n\nThe mug arrived with a crack in the handle. I attached nothing yet but can send photos. I would like a refund or a replacement.\n\nBest regards,\n',
  'Good morning,\n\nThe password reset mail never reaches my inbox (I checked spam). My account email is the one I am writing from.\n\nKind regards,\n',
];
const koreanSubjects = [
  '배송 조회가 되지 않습니다',
  '환불 요청드립니다',
  '비밀번호 재설정 메일이 오지 않아요',
  '세금계산서 발행 문의',
  '연간 요금제 변경 문의드립니다',
];
const koreanBodies = [
  '안녕하세요.\n\n지난주 금요일에 주문한 상품이 아직 도착하지 않았습니다. 송장번호로 조회해도 정보가 없다고 나옵니다. 확인 부탁드립니다.\n\n감사합니다.\n',
  '담당자님께,\n\n받은 제품의 포장이 훼손되어 있었고 본체에도 흠집이 있습니다. 환불 또는 교환을 원합니다. 사진이 필요하시면 보내드리겠습니다.\n\n좋은 하루 보내세요.\n',
  '안녕하세요, 고객센터 담당자님.\n\n회사 이름으로 세금계산서를 발행받고 싶습니다. 사업자등록번호는 123-45-67890 입니다. 필요한 서류가 있으면 알려주세요.\n',
];
const names = [
  '김민준',
  '이서연',
  '박지호',
  '최수아',
  'Emma Clark',
  'Liam Walker',
  'Sofia Reyes',
  'Noah Kim',
];

/** "배송 문의드립니다" and two lines of Korean, in EUC-KR (base64). */
const EUC_KR_SUBJECT = 'uei82yC5rsDHteW4s7TPtNk=';
const EUC_KR_BODY =
  'vsiz58fPvLy/5C4gwda5rsfRILvzx7DAzCC+xsH3ILW1wvjHz8H2IL7KvtK9wLTPtNkuDQrB1rmuufjIo7TCIDIwMjYtMTEyMyDA1LTPtNkuDQo=';

const composer = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'windows' });

async function compose(options: SendMailOptions): Promise<Buffer> {
  const info = (await composer.sendMail(options)) as unknown as { message: Buffer };
  return info.message;
}

const pick = <T>(list: readonly T[], i: number): T => list[i % list.length] as T;

/** Original mail for the warm-up; the measured replies answer these. */
export async function buildOriginals(count: number, to: string, runId: string): Promise<BenchMail[]> {
  const out: BenchMail[] = [];
  for (let i = 0; i < count; i++) {
    const from = `origin${i}.${runId}@customer.test`;
    out.push({
      from,
      kind: 'english',
      raw: await compose({
        from: { name: pick(names, i), address: from },
        to,
        subject: `${pick(englishSubjects, i)} (#w${i})`,
        text: pick(englishBodies, i),
        messageId: `<orig-${i}.${runId}@customer.test>`,
      }),
    });
  }
  return out;
}

export async function buildMix(
  count: number,
  to: string,
  runId: string,
  originals: number,
): Promise<BenchMail[]> {
  const pdf = randomBytes(100 * 1024);
  const out: BenchMail[] = [];
  for (let i = 0; i < count; i++) {
    const slot = i % 10;
    const from = `c${i % 2000}.${runId}@customer.test`;
    const messageId = `<m-${i}.${runId}@customer.test>`;
    const name = pick(names, i);
    if (slot < 3) {
      out.push({
        from,
        kind: 'english',
        raw: await compose({
          from: { name, address: from },
          to,
          subject: `${pick(englishSubjects, i)} [${i}]`,
          text: pick(englishBodies, i),
          messageId,
        }),
      });
    } else if (slot < 5) {
      out.push({
        from,
        kind: 'korean',
        raw: await compose({
          from: { name, address: from },
          to,
          subject: `${pick(koreanSubjects, i)} [${i}]`,
          text: pick(koreanBodies, i),
          messageId,
        }),
      });
    } else if (slot === 5) {
      const text = pick(koreanBodies, i);
      out.push({
        from,
        kind: 'korean-html',
        raw: await compose({
          from: { name, address: from },
          to,
          subject: `${pick(koreanSubjects, i)} [${i}]`,
          text,
          html: `<div style="font-family:Malgun Gothic">${text
            .split('\n')
            .map((line) => `<p>${line}</p>`)
            .join('')}<img src="https://tracker.example/p.gif"></div>`,
          messageId,
        }),
      });
    } else if (slot === 6) {
      out.push({
        from,
        kind: 'euc-kr',
        raw: Buffer.from(
          [
            `From: ${from}`,
            `To: ${to}`,
            `Subject: =?EUC-KR?B?${EUC_KR_SUBJECT}?= [${i}]`,
            `Message-ID: ${messageId}`,
            'Date: Mon, 23 Nov 2026 09:00:00 +0900',
            'MIME-Version: 1.0',
            'Content-Type: text/plain; charset="euc-kr"',
            'Content-Transfer-Encoding: base64',
            '',
            EUC_KR_BODY,
            '',
          ].join('\r\n'),
          'latin1',
        ),
      });
    } else if (slot === 7) {
      out.push({
        from,
        kind: 'attachment',
        raw: await compose({
          from: { name, address: from },
          to,
          subject: `${i % 2 ? pick(koreanSubjects, i) : pick(englishSubjects, i)} (첨부) [${i}]`,
          text: pick(i % 2 ? koreanBodies : englishBodies, i),
          messageId,
          attachments: [{ filename: `영수증-${i}.pdf`, content: pdf, contentType: 'application/pdf' }],
        }),
      });
    } else {
      // A reply from the original sender: threads by In-Reply-To into the warm-up ticket.
      const o = i % originals;
      const original = `orig-${o}.${runId}@customer.test`;
      const replyFrom = `origin${o}.${runId}@customer.test`;
      out.push({
        from: replyFrom,
        kind: 'reply',
        raw: await compose({
          from: { name: pick(names, o), address: replyFrom },
          to,
          subject: `Re: ${pick(englishSubjects, o)} (#w${o})`,
          text: `Any news on this?\n\nOn Mon, 23 Nov 2026, support wrote:\n> We are looking into it.\n> ${pick(englishBodies, o).split('\n')[2]}\n`,
          messageId,
          inReplyTo: `<${original}>`,
          references: [`<${original}>`],
        }),
      });
    }
  }
  return out;
}
