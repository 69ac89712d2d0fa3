/**
 * Inbound email end to end on the real pipeline: raw bytes → parse → threading → tickets,
 * on both engines. Fixtures are real .eml files (test/fixtures/email), encoded with Python's
 * codecs for EUC-KR, CP949, ISO-2022-JP and Shift_JIS.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, afterEach, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { buildApp } from '../src/app.ts';
import { loadConfig } from '../src/config/config.ts';
import { drainInbox } from '../src/modules/automation/process-inbox.ts';
import { ticketHooks } from '../src/modules/automation/ticket-hooks.ts';
import { ingestRawEmail } from '../src/modules/email/ingest-raw-email.ts';
import { findMailboxByAddress, mailboxOfTicket } from '../src/modules/email/mailboxes.repository.ts';
import { replyAddressFor, replyTokenFor, replyTokenKeyOf } from '../src/modules/email/reply-token.ts';
import { insertRuleSet } from './support/rules.ts';
import { createTestContext, type TestContext } from './support/test-app.ts';

const SECRET_KEY = 'a'.repeat(64);
const SENDER_LIMIT = 5;
const EMAIL_MAX_BYTES = 256 * 1024;

let t: TestContext;
let mailbox: { id: string; address: string; inboundSecret: string };

before(async () => {
  t = await createTestContext({
    SWITCHBOARD_SECRET_KEY: SECRET_KEY,
    SWITCHBOARD_EMAIL_SENDER_LIMIT_PER_HOUR: String(SENDER_LIMIT),
    SWITCHBOARD_EMAIL_MAX_BYTES: String(EMAIL_MAX_BYTES),
  });
  const res = await t.call(t.ws.admin.token, 'POST', '/api/v1/mailboxes', {
    address: 'Support@Acme.test',
    name: 'Support',
  });
  assert.equal(res.statusCode, 201, res.body);
  mailbox = res.json();
});
after(async () => {
  await t?.close();
});

const fixture = (name: string) => readFileSync(join(import.meta.dirname, 'fixtures/email', name));

let counter = 0;
/** A plain UTF-8 mail; every call gets a fresh Message-ID unless one is given. */
function mail(m: {
  from: string;
  subject: string;
  body: string;
  to?: string;
  messageId?: string | null;
  inReplyTo?: string;
  references?: string;
  headers?: Record<string, string>;
}): Buffer {
  counter++;
  const id = m.messageId === undefined ? `<gen-${counter}-${Date.now()}@client.test>` : m.messageId;
  const lines = [
    `From: ${m.from}`,
    `To: ${m.to ?? 'support@acme.test'}`,
    `Subject: =?utf-8?B?${Buffer.from(m.subject).toString('base64')}?=`,
    ...(id ? [`Message-ID: ${id}`] : []),
    ...(m.inReplyTo ? [`In-Reply-To: ${m.inReplyTo}`] : []),
    ...(m.references ? [`References: ${m.references}`] : []),
    ...Object.entries(m.headers ?? {}).map(([k, v]) => `${k}: ${v}`),
    'Date: Mon, 23 Nov 2026 15:00:00 +0900',
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    'Content-Transfer-Encoding: base64',
    '',
    Buffer.from(m.body).toString('base64'),
    '',
  ];
  return Buffer.from(lines.join('\r\n'));
}

function ingest(raw: Buffer, options: { recipients?: string[]; source?: 'smtp' | 'imap' | 'webhook' } = {}) {
  return ingestRawEmail(t.deps, {
    workspaceId: t.ws.id,
    raw,
    source: options.source ?? 'smtp',
    recipients: options.recipients ?? ['support@acme.test'],
  });
}

type Message = {
  id: string;
  bodyText: string;
  bodyHtml: string;
  visibility: string;
  authorType: string;
  metadata: Record<string, unknown> & { email?: Record<string, unknown>; autoSubmitted?: boolean };
  attachments: { id: string; filename: string; contentType: string }[];
};

async function ticketOf(id: string) {
  const res = await t.call(t.ws.agent.token, 'GET', `/api/v1/tickets/${id}`);
  assert.equal(res.statusCode, 200, res.body);
  return res.json() as {
    id: string;
    number: number;
    subject: string;
    status: string;
    requesterId: string;
    channel: string;
  };
}

async function messagesOf(ticketId: string): Promise<Message[]> {
  const res = await t.call(t.ws.agent.token, 'GET', `/api/v1/tickets/${ticketId}/messages`);
  assert.equal(res.statusCode, 200, res.body);
  return res.json().data;
}

async function inboundRow(id: string) {
  return t.deps.db.selectFrom('inbound_emails').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
}

describe('fixtures: charsets and MIME shapes', () => {
  const stored: [string, string, string][] = [
    ['utf8-korean.eml', '배송 문의드립니다', '주문한 상품이 아직 도착하지 않았습니다'],
    ['euc-kr.eml', '환불 요청', '주문번호 A-1001 환불 요청합니다.'],
    ['ks_c_5601-1987.eml', '똠양꿍 주문 취소', '똠양꿍 주문을 취소하고 싶습니다. 햏'],
    ['cp949.eml', '똠 문의', '똠방각하 문의입니다'],
    ['iso-2022-jp.eml', '注文について', '商品がまだ届いていません。'],
    ['shift_jis.eml', '返品の依頼', '返品をお願いします。'],
    ['iso-8859-1.eml', 'Rückerstattung für Bestellung', 'Grüße aus Köln, café noir.'],
    ['windows-1252.eml', '“Price” in €', 'It costs 20 € — “quoted” text.'],
    ['malformed-headers.eml', 'Malformed headers', 'Body survives malformed headers.'],
    ['broken-boundary.eml', 'Broken boundary', 'Text of the real part, never closed.'],
    ['invalid-charset.eml', 'Hello charset', 'Plain ASCII survives a bogus charset.'],
    ['empty-body.eml', 'Empty', '(empty message)'],
  ];
  for (const [file, subject, body] of stored) {
    test(`${file}: subject and body decoded`, async () => {
      const result = await ingest(fixture(file));
      assert.equal(result.status, 'stored');
      assert.ok(result.ticketId);
      const ticket = await ticketOf(result.ticketId);
      assert.equal(ticket.subject, subject);
      assert.equal(ticket.channel, 'email');
      const [message] = await messagesOf(result.ticketId);
      assert.ok(message?.bodyText.includes(body), message?.bodyText);
      assert.equal(message?.metadata.email?.inboundId, result.inboundId);
    });
  }

  test('the sender names decode too (CP949 extension syllables included)', async () => {
    const contact = await t.deps.db
      .selectFrom('contact_identities as i')
      .innerJoin('contacts as c', 'c.id', 'i.contact_id')
      .select(['c.name', 'i.value'])
      .where('i.workspace_id', '=', t.ws.id)
      .where('i.value', 'in', [
        'ddom@outlook.test',
        'taro@example.jp',
        'rene@example.de',
        'younghee@daum.test',
      ])
      .orderBy('i.value')
      .execute();
    assert.deepEqual(
      contact.map((c) => c.name),
      ['박똠', 'René Müller', '山田太郎', '이영희'],
    );
  });

  test('multipart/alternative keeps the HTML for display and the text for search', async () => {
    const result = await ingest(fixture('multipart-alternative.eml'));
    const [message] = await messagesOf(result.ticketId as string);
    assert.match(message?.bodyHtml ?? '', /HTML <b>version<\/b> of the question/);
    assert.match(message?.bodyText ?? '', /Plain version of the question/);
  });

  test('multipart/related: the cid image and the attachment are saved; an executable is not', async () => {
    const result = await ingest(fixture('multipart-related-cid.eml'));
    const [message] = await messagesOf(result.ticketId as string);
    assert.ok(message);
    const names = message.attachments.map((a) => a.filename).sort();
    assert.deepEqual(names, ['shot.png', '견적서.pdf']);
    const shot = message.attachments.find((a) => a.filename === 'shot.png');
    assert.ok(message.bodyHtml.includes(`src="/api/v1/attachments/${shot?.id}/content"`), message.bodyHtml);
    assert.deepEqual(message.metadata.email?.skippedAttachments, [
      { filename: 'setup.exe', reason: 'type_not_allowed' },
    ]);
    const download = await t.call(t.ws.agent.token, 'GET', `/api/v1/attachments/${shot?.id}/content`);
    assert.equal(download.statusCode, 200);
    assert.equal(download.rawPayload.subarray(1, 4).toString(), 'PNG');
  });

  test('HTML-only mail with scripts: sanitised, with a derived plain text', async () => {
    const result = await ingest(fixture('html-only-script.eml'));
    const [message] = await messagesOf(result.ticketId as string);
    assert.ok(message);
    assert.match(message.bodyText, /Hello from HTML only\./);
    assert.doesNotMatch(message.bodyHtml, /script|onclick|iframe|javascript:|alert/i);
    assert.match(message.bodyHtml, /<b>HTML<\/b>/);
  });

  test('forwarded mail keeps the forwarded part and attaches the forwarded message', async () => {
    const result = await ingest(fixture('forwarded.eml'));
    const [message] = await messagesOf(result.ticketId as string);
    assert.ok(message);
    assert.match(message.bodyText, /Your order 555 is confirmed\./);
    assert.equal(message.metadata.email?.stripped, false);
    assert.deepEqual(
      message.attachments.map((a) => [a.filename, a.contentType]),
      [['original.eml', 'message/rfc822']],
    );
  });

  test('header injection: CR/LF in decoded headers never reaches what we store', async () => {
    const result = await ingest(fixture('header-injection.eml'));
    assert.equal(result.status, 'stored');
    const ticket = await ticketOf(result.ticketId as string);
    assert.doesNotMatch(ticket.subject, /[\r\n]/);
    assert.equal(ticket.subject, 'Hello Bcc: victim@evil.test X-Injected: yes');
    const [message] = await messagesOf(ticket.id);
    for (const value of Object.values(message?.metadata.email ?? {})) {
      if (typeof value === 'string') assert.doesNotMatch(value, /[\r\n]/);
    }
    const contact = await t.deps.db
      .selectFrom('contacts')
      .select('name')
      .where('id', '=', ticket.requesterId)
      .executeTakeFirstOrThrow();
    assert.doesNotMatch(contact.name, /[\r\n]/);
    const row = await inboundRow(result.inboundId);
    assert.doesNotMatch(row.subject, /[\r\n]/);
  });

  test('a sender without an address is stored as failed with a reason, not lost', async () => {
    const raw = fixture('no-sender.eml');
    const result = await ingest(raw);
    assert.equal(result.status, 'failed');
    assert.equal(result.ticketId, null);
    const row = await inboundRow(result.inboundId);
    assert.equal(row.reason, 'no_sender');
    assert.ok(await t.deps.attachments.has(row.raw_sha256));
  });

  test('a mail without Message-ID gets one from its bytes, and is still de-duplicated', async () => {
    const raw = fixture('no-message-id.eml');
    const first = await ingest(raw);
    assert.equal(first.status, 'stored');
    const row = await inboundRow(first.inboundId);
    assert.match(row.message_id_header, /^sha256-[0-9a-f]{64}@switchboard\.invalid$/);
    const again = await ingest(raw);
    assert.equal(again.status, 'duplicate');
    assert.equal(again.ticketId, first.ticketId);
  });

  test('unthreaded auto-reply, bounce and bulk mail are stored as ignored', async () => {
    for (const [file, classification] of [
      ['auto-reply.eml', 'auto_reply'],
      ['bounce.eml', 'bounce'],
      ['bulk.eml', 'bulk'],
    ] as const) {
      const result = await ingest(fixture(file));
      assert.equal(result.status, 'ignored', file);
      assert.equal(result.ticketId, null);
      const row = await inboundRow(result.inboundId);
      assert.equal(row.classification, classification);
    }
    const contacts = await t.deps.db
      .selectFrom('contact_identities')
      .select('value')
      .where('value', 'in', ['judy@example.com', 'mailer-daemon@mx.example.com', 'news@shop.test'])
      .execute();
    assert.deepEqual(contacts, [], 'no contacts are made for machines');
  });

  test('a mail over SWITCHBOARD_EMAIL_MAX_BYTES is kept as failed (too_large)', async () => {
    const raw = mail({ from: 'big@example.com', subject: 'big', body: 'x'.repeat(EMAIL_MAX_BYTES) });
    const result = await ingest(raw);
    assert.equal(result.status, 'failed');
    assert.equal((await inboundRow(result.inboundId)).reason, 'too_large');
  });
});

describe('threading', () => {
  test('a new subject opens a new ticket; a reply by In-Reply-To joins it with the history cut', async () => {
    const first = await ingest(
      mail({
        from: '정하늘 <haneul@example.kr>',
        subject: '결제 오류',
        body: '결제가 안 됩니다.',
        messageId: '<first-thread@example.kr>',
      }),
    );
    assert.equal(first.status, 'stored');
    const reply = await ingest(
      mail({
        from: 'haneul@example.kr',
        subject: 'Re: 결제 오류',
        body: '카드로 다시 해 봤습니다.\n\n2026년 11월 23일 (월) 오후 3:00, 고객지원 <support@acme.test>님이 작성:\n> 다시 시도해 주세요',
        inReplyTo: '<first-thread@example.kr>',
      }),
    );
    assert.equal(reply.status, 'stored');
    assert.equal(reply.ticketId, first.ticketId);
    const messages = await messagesOf(first.ticketId as string);
    assert.equal(messages.length, 2);
    assert.equal(messages[1]?.bodyText, '카드로 다시 해 봤습니다.');
    assert.equal(messages[1]?.metadata.email?.stripped, true);
    assert.equal((await inboundRow(reply.inboundId)).reason, 'threaded_by_reference');
  });

  test('References naming our outbound Message-ID thread the reply', async () => {
    const first = await ingest(mail({ from: 'ref@example.com', subject: 'Printer on fire', body: 'Help' }));
    await t.deps.db
      .insertInto('email_message_ids')
      .values({
        workspace_id: t.ws.id,
        message_id_header: 'outbound-1@acme.test',
        ticket_id: first.ticketId as string,
        message_id: null,
        direction: 'out',
      })
      .execute();
    const reply = await ingest(
      mail({
        from: 'ref@example.com',
        subject: 'Totally new words',
        body: 'It is out now.\n\nOn Mon, Nov 23, 2026 at 3:00 PM Support <support@acme.test> wrote:\n> Did you try water?',
        references: '<unknown@elsewhere.test> <outbound-1@acme.test>',
      }),
    );
    assert.equal(reply.ticketId, first.ticketId);
    const messages = await messagesOf(first.ticketId as string);
    assert.equal(messages.at(-1)?.bodyText, 'It is out now.');
  });

  test('a reply token in the plus address threads; a forged one does not', async () => {
    const first = await ingest(mail({ from: 'token@example.com', subject: 'Token thread', body: 'one' }));
    const key = await replyTokenKeyOf(t.deps.db, t.ws.id);
    const address = replyAddressFor('support@acme.test', replyTokenFor(key, first.ticketId as string));
    const viaToken = await ingest(
      mail({ from: 'token@example.com', to: address, subject: 'different', body: 'two' }),
      {
        recipients: [address],
      },
    );
    assert.equal(viaToken.ticketId, first.ticketId);
    assert.equal((await inboundRow(viaToken.inboundId)).reason, 'threaded_by_reply_token');
    const forged = address.replace(/(\w)@/, (_, c: string) => `${c === '0' ? '1' : '0'}@`);
    const viaForged = await ingest(
      mail({ from: 'token@example.com', to: forged, subject: 'forged', body: 'three' }),
      {
        recipients: [forged],
      },
    );
    assert.equal(viaForged.status, 'stored');
    assert.notEqual(viaForged.ticketId, first.ticketId);
  });

  test('a ticket number in the subject threads only for the requester', async () => {
    const first = await ingest(mail({ from: 'owner@example.com', subject: 'Number thread', body: 'one' }));
    const ticket = await ticketOf(first.ticketId as string);
    const fromRequester = await ingest(
      mail({ from: 'owner@example.com', subject: `답장: [#${ticket.number}] Number thread`, body: 'two' }),
    );
    assert.equal(fromRequester.ticketId, ticket.id);
    assert.equal((await inboundRow(fromRequester.inboundId)).reason, 'threaded_by_subject');
    const fromStranger = await ingest(
      mail({
        from: 'stranger@example.com',
        subject: `RE: [#${ticket.number}] Number thread`,
        body: 'let me in',
      }),
    );
    assert.notEqual(fromStranger.ticketId, ticket.id);
    assert.equal((await inboundRow(fromStranger.inboundId)).reason, 'new_ticket');
  });

  test('a reply to a closed ticket opens a follow-up ticket', async () => {
    const first = await ingest(
      mail({
        from: 'closed@example.com',
        subject: 'Old issue',
        body: 'one',
        messageId: '<closed-1@example.com>',
      }),
    );
    await t.deps.db
      .updateTable('tickets')
      .set({ status: 'closed', closed_at: new Date() })
      .where('id', '=', first.ticketId as string)
      .execute();
    const reply = await ingest(
      mail({
        from: 'closed@example.com',
        subject: 'Re: Old issue',
        body: 'It is back',
        inReplyTo: '<closed-1@example.com>',
      }),
    );
    assert.equal(reply.status, 'stored');
    assert.notEqual(reply.ticketId, first.ticketId);
    const followUp = await t.deps.db
      .selectFrom('tickets')
      .select(['follow_up_of_id', 'requester_id'])
      .where('id', '=', reply.ticketId as string)
      .executeTakeFirstOrThrow();
    assert.equal(followUp.follow_up_of_id, first.ticketId);
    assert.equal((await inboundRow(reply.inboundId)).reason, 'follow_up');
  });

  test('an auto-reply on a ticket becomes an internal note: no reopen, flagged autoSubmitted', async () => {
    const first = await ingest(
      mail({
        from: 'ooo@example.com',
        subject: 'Before holiday',
        body: 'q',
        messageId: '<ooo-1@example.com>',
      }),
    );
    const solve = await t.call(t.ws.agent.token, 'PATCH', `/api/v1/tickets/${first.ticketId}`, {
      status: 'solved',
    });
    assert.equal(solve.statusCode, 200, solve.body);
    const auto = await ingest(
      mail({
        from: 'ooo@example.com',
        subject: '자동 응답: Before holiday',
        body: '휴가 중입니다.',
        inReplyTo: '<ooo-1@example.com>',
        headers: { 'Auto-Submitted': 'auto-replied' },
      }),
    );
    assert.equal(auto.status, 'stored');
    assert.equal(auto.ticketId, first.ticketId);
    const ticket = await ticketOf(first.ticketId as string);
    assert.equal(ticket.status, 'solved');
    const note = (await messagesOf(ticket.id)).at(-1);
    assert.equal(note?.visibility, 'internal');
    assert.equal(note?.authorType, 'system');
    assert.equal(note?.metadata.autoSubmitted, true);
    const event = await t.deps.db
      .selectFrom('events')
      .select('data')
      .where('ticket_id', '=', ticket.id)
      .where('type', '=', 'message.added')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    assert.equal((event.data as { autoSubmitted?: boolean }).autoSubmitted, true);
    // Rules see it as message.autoSubmitted, so none of them answers a machine.
    await insertRuleSet(t.deps.db, t.ws.id, {
      kind: 'update',
      rules: [
        {
          name: 'Tag machine-written mail',
          kind: 'update',
          events: ['message.added'],
          conditions: { all: [{ field: 'message.autoSubmitted', operator: 'is', value: true }] },
          actions: [{ type: 'add_tags', tags: ['auto-reply'] }],
        },
      ],
    });
    await ingest(
      mail({
        from: 'ooo@example.com',
        subject: 'Re: Before holiday',
        body: '아직 휴가 중입니다.',
        inReplyTo: '<ooo-1@example.com>',
        headers: { 'X-Autoreply': 'yes' },
      }),
    );
    await drainInbox({ ...t.deps, jobs: null }, { hooks: ticketHooks });
    const tagged = await t.call(t.ws.agent.token, 'GET', `/api/v1/tickets/${ticket.id}`);
    assert.ok(tagged.json().tags.includes('auto-reply'), tagged.body);
  });

  test('a colleague on CC who replies is the author of the reply, the requester stays', async () => {
    const first = await ingest(
      mail({ from: 'boss@corp.test', subject: 'Team issue', body: 'one', messageId: '<cc-1@corp.test>' }),
    );
    const reply = await ingest(
      mail({
        from: '동료 <colleague@corp.test>',
        subject: 'Re: Team issue',
        body: 'me too',
        inReplyTo: '<cc-1@corp.test>',
      }),
    );
    assert.equal(reply.ticketId, first.ticketId);
    const ticket = await ticketOf(first.ticketId as string);
    const message = await t.deps.db
      .selectFrom('messages')
      .select(['author_type', 'author_id'])
      .where('id', '=', reply.messageId as string)
      .executeTakeFirstOrThrow();
    const colleague = await t.deps.db
      .selectFrom('contact_identities')
      .select('contact_id')
      .where('workspace_id', '=', t.ws.id)
      .where('value', '=', 'colleague@corp.test')
      .executeTakeFirstOrThrow();
    assert.equal(message.author_type, 'contact');
    assert.equal(message.author_id, colleague.contact_id);
    assert.notEqual(ticket.requesterId, colleague.contact_id);
  });

  test("new tickets go to the mailbox's team", async () => {
    const team = await t.call(t.ws.admin.token, 'POST', '/api/v1/teams', { name: 'Billing team' });
    assert.equal(team.statusCode, 201, team.body);
    const created = await t.call(t.ws.admin.token, 'POST', '/api/v1/mailboxes', {
      address: 'invoices@acme.test',
      name: 'Invoices',
      teamId: team.json().id,
    });
    assert.equal(created.statusCode, 201, created.body);
    const result = await ingest(
      mail({ from: 'payer@example.com', to: 'invoices@acme.test', subject: 'Invoice', body: 'x' }),
      {
        recipients: ['invoices@acme.test'],
      },
    );
    const row = await t.deps.db
      .selectFrom('tickets')
      .select('team_id')
      .where('id', '=', result.ticketId as string)
      .executeTakeFirstOrThrow();
    assert.equal(row.team_id, team.json().id);
    assert.equal((await inboundRow(result.inboundId)).mailbox_id, created.json().id);
  });

  test('mailboxOfTicket and findMailboxByAddress (with and without a +tag)', async () => {
    const first = await ingest(mail({ from: 'mbx@example.com', subject: 'Which mailbox', body: 'x' }));
    assert.equal((await mailboxOfTicket(t.deps.db, t.ws.id, first.ticketId as string))?.id, mailbox.id);
    assert.equal((await findMailboxByAddress(t.deps.db, 'SUPPORT+abc@acme.test'))?.id, mailbox.id);
    assert.equal((await findMailboxByAddress(t.deps.db, 'support@acme.test'))?.workspace_id, t.ws.id);
    assert.equal(await findMailboxByAddress(t.deps.db, 'nobody@acme.test'), null);
  });
});

describe('duplicates and loops', () => {
  test('the same Message-ID from SMTP then IMAP is stored once', async () => {
    const raw = mail({
      from: 'dup@example.com',
      subject: 'Twice',
      body: 'once',
      messageId: '<dup-seq@example.com>',
    });
    const a = await ingest(raw, { source: 'smtp' });
    const b = await ingest(raw, { source: 'imap' });
    assert.equal(a.status, 'stored');
    assert.equal(b.status, 'duplicate');
    assert.equal(b.ticketId, a.ticketId);
    assert.equal((await messagesOf(a.ticketId as string)).length, 1);
  });

  test('two concurrent deliveries of one Message-ID yield one message', async () => {
    const raw = mail({
      from: 'race@example.com',
      subject: 'Race',
      body: 'once',
      messageId: '<dup-race@example.com>',
    });
    const results = await Promise.all([
      ingest(raw, { source: 'smtp' }),
      ingest(raw, { source: 'imap' }),
      ingest(raw),
    ]);
    assert.deepEqual(results.map((r) => r.status).sort(), ['duplicate', 'duplicate', 'stored']);
    const messages = await t.deps.db
      .selectFrom('inbound_emails')
      .select(['status', 'message_id'])
      .where('workspace_id', '=', t.ws.id)
      .where('message_id_header', '=', 'dup-race@example.com')
      .execute();
    assert.equal(messages.filter((m) => m.message_id !== null).length, 1);
    const tickets = await t.deps.db
      .selectFrom('tickets')
      .select('id')
      .where('workspace_id', '=', t.ws.id)
      .where('subject', '=', 'Race')
      .execute();
    assert.equal(tickets.length, 1);
  });

  test(`more than ${SENDER_LIMIT} mails an hour from one sender are stored as ignored (rate_limited)`, async () => {
    const results = [];
    for (let i = 0; i <= SENDER_LIMIT; i++) {
      results.push(await ingest(mail({ from: 'loop@example.com', subject: `Loop ${i}`, body: `n${i}` })));
    }
    assert.deepEqual(
      results.map((r) => r.status),
      [...Array(SENDER_LIMIT).fill('stored'), 'ignored'],
    );
    const last = await inboundRow(results.at(-1)?.inboundId as string);
    assert.equal(last.reason, 'rate_limited');
    assert.ok(await t.deps.attachments.has(last.raw_sha256), 'kept, not lost');
  });

  test('mail from our own mailbox address is ignored (no self-loop)', async () => {
    const result = await ingest(mail({ from: 'support@acme.test', subject: 'Echo', body: 'echo' }));
    assert.equal(result.status, 'ignored');
    assert.equal((await inboundRow(result.inboundId)).reason, 'from_own_mailbox');
  });
});

describe('failures and retry', () => {
  afterEach(async () => {
    await sql`drop trigger if exists email_inject_failure on tickets`.execute(t.database.db);
  });

  test('a failing mail is stored as failed with the error, and retry processes it', async () => {
    await sql
      .raw(`create or replace function email_inject_failure() returns trigger language plpgsql as $$
        begin
          if new.subject = 'Trigger failure' then raise exception 'injected storage failure'; end if;
          return new;
        end $$`)
      .execute(t.database.db);
    await sql
      .raw(`create trigger email_inject_failure before insert on tickets
              for each row execute function email_inject_failure()`)
      .execute(t.database.db);
    const raw = mail({
      from: 'fail@example.com',
      subject: 'Trigger failure',
      body: 'please',
      messageId: '<fail-1@example.com>',
    });
    const failed = await ingest(raw);
    assert.equal(failed.status, 'failed');
    const row = await inboundRow(failed.inboundId);
    assert.match(row.error ?? '', /injected storage failure/);
    assert.equal(row.ticket_id, null);

    const list = await t.call(t.ws.admin.token, 'GET', '/api/v1/inbound-emails?status=failed');
    assert.equal(list.statusCode, 200, list.body);
    assert.ok(list.json().data.some((r: { id: string }) => r.id === failed.inboundId));

    const stillFailing = await t.call(
      t.ws.admin.token,
      'POST',
      `/api/v1/inbound-emails/${failed.inboundId}/retry`,
    );
    assert.equal(stillFailing.statusCode, 200, stillFailing.body);
    assert.equal(stillFailing.json().status, 'failed');
    assert.equal((await inboundRow(failed.inboundId)).attempts, 2);

    await sql`drop trigger email_inject_failure on tickets`.execute(t.database.db);
    const retried = await t.call(
      t.ws.admin.token,
      'POST',
      `/api/v1/inbound-emails/${failed.inboundId}/retry`,
    );
    assert.equal(retried.statusCode, 200, retried.body);
    const body = retried.json();
    assert.equal(body.status, 'stored');
    assert.equal(body.inboundId, failed.inboundId);
    assert.equal((await ticketOf(body.ticketId)).subject, 'Trigger failure');

    const again = await t.call(t.ws.admin.token, 'POST', `/api/v1/inbound-emails/${failed.inboundId}/retry`);
    assert.equal(again.statusCode, 409);
    assert.equal(again.json().code, 'INBOUND_EMAIL_NOT_RETRYABLE');
    // A redelivery of a mail that is now stored is a duplicate.
    assert.equal((await ingest(raw)).status, 'duplicate');
  });

  test('retry needs an admin', async () => {
    const raw = Buffer.from(
      fixture('no-sender.eml').toString('latin1').replace('nosender@', 'nosender-2@'),
      'latin1',
    );
    const failed = await ingest(raw);
    assert.equal(failed.status, 'failed');
    const res = await t.call(t.ws.agent.token, 'POST', `/api/v1/inbound-emails/${failed.inboundId}/retry`);
    assert.equal(res.statusCode, 403);
  });
});

describe('raw MIME webhook', () => {
  const post = (id: string, body: Buffer, headers: Record<string, string>) =>
    t.app.inject({ method: 'POST', url: `/api/v1/mailboxes/${id}/inbound`, payload: body, headers });

  test('the inbound secret delivers a mail; the answer carries the ticket', async () => {
    const raw = mail({
      from: 'hook@example.com',
      subject: 'Via webhook',
      body: 'hello',
      messageId: '<hook-1@example.com>',
    });
    const res = await post(mailbox.id, raw, {
      authorization: `Bearer ${mailbox.inboundSecret}`,
      'content-type': 'message/rfc822',
    });
    assert.equal(res.statusCode, 200, res.body);
    const body = res.json();
    assert.equal(body.status, 'stored');
    assert.equal((await ticketOf(body.ticketId)).subject, 'Via webhook');
    assert.equal((await inboundRow(body.inboundId)).source, 'webhook');
    const again = await post(mailbox.id, raw, {
      authorization: `Bearer ${mailbox.inboundSecret}`,
      'content-type': 'message/rfc822',
    });
    assert.equal(again.json().status, 'duplicate');
  });

  test('a wrong, missing or other mailbox secret is refused', async () => {
    const raw = mail({ from: 'hook@example.com', subject: 'Nope', body: 'x' });
    const attempts: Record<string, string>[] = [
      { authorization: 'Bearer sbin_wrong', 'content-type': 'message/rfc822' },
      { 'content-type': 'message/rfc822' },
      { authorization: `Bearer ${t.ws.admin.token}`, 'content-type': 'message/rfc822' },
    ];
    for (const headers of attempts) {
      const res = await post(mailbox.id, raw, headers);
      assert.equal(res.statusCode, 401, res.body);
      assert.match(String(res.headers['content-type']), /problem\+json/);
    }
    const unknown = await post('01900000-0000-7000-8000-000000000000', raw, {
      authorization: `Bearer ${mailbox.inboundSecret}`,
      'content-type': 'message/rfc822',
    });
    assert.equal(unknown.statusCode, 401);
  });

  test('too large → 413, wrong media type → 415', async () => {
    const big = Buffer.alloc(EMAIL_MAX_BYTES + 1, 0x61);
    const res = await post(mailbox.id, big, {
      authorization: `Bearer ${mailbox.inboundSecret}`,
      'content-type': 'message/rfc822',
    });
    assert.equal(res.statusCode, 413, res.body);
    assert.match(String(res.headers['content-type']), /problem\+json/);
    const json = await post(mailbox.id, Buffer.from('{}'), {
      authorization: `Bearer ${mailbox.inboundSecret}`,
      'content-type': 'application/json',
    });
    assert.equal(json.statusCode, 415, json.body);
  });

  test('rotating the secret retires the old one', async () => {
    const res = await t.call(
      t.ws.admin.token,
      'POST',
      `/api/v1/mailboxes/${mailbox.id}/rotate-inbound-secret`,
    );
    assert.equal(res.statusCode, 200, res.body);
    const fresh = res.json().inboundSecret as string;
    assert.notEqual(fresh, mailbox.inboundSecret);
    const raw = mail({ from: 'rot@example.com', subject: 'Rotated', body: 'x' });
    const old = await post(mailbox.id, raw, {
      authorization: `Bearer ${mailbox.inboundSecret}`,
      'content-type': 'message/rfc822',
    });
    assert.equal(old.statusCode, 401);
    const ok = await post(mailbox.id, raw, {
      authorization: `Bearer ${fresh}`,
      'content-type': 'message/rfc822',
    });
    assert.equal(ok.statusCode, 200, ok.body);
    mailbox.inboundSecret = fresh;
  });
});

describe('mailboxes API and roles', () => {
  test('create with IMAP: the password is encrypted and never returned', async () => {
    const res = await t.call(t.ws.admin.token, 'POST', '/api/v1/mailboxes', {
      address: 'billing@acme.test',
      name: 'Billing',
      imap: { host: 'imap.acme.test', port: 993, user: 'billing', password: 'hunter2-imap', enabled: true },
    });
    assert.equal(res.statusCode, 201, res.body);
    assert.doesNotMatch(res.body, /hunter2-imap/);
    const created = res.json();
    assert.equal(created.imap.passwordSet, true);
    assert.ok(created.inboundSecret);
    const row = await t.deps.db
      .selectFrom('mailboxes')
      .select('imap_password_encrypted')
      .where('id', '=', created.id)
      .executeTakeFirstOrThrow();
    assert.match(row.imap_password_encrypted ?? '', /^v1:/);
    assert.doesNotMatch(row.imap_password_encrypted ?? '', /hunter2/);
    const got = await t.call(t.ws.admin.token, 'GET', `/api/v1/mailboxes/${created.id}`);
    assert.doesNotMatch(got.body, /hunter2-imap|inboundSecret|v1:/);
    const patched = await t.call(t.ws.admin.token, 'PATCH', `/api/v1/mailboxes/${created.id}`, {
      imap: { password: null, enabled: false },
    });
    assert.equal(patched.statusCode, 200, patched.body);
    assert.equal(patched.json().imap.passwordSet, false);
    const deleted = await t.call(t.ws.admin.token, 'DELETE', `/api/v1/mailboxes/${created.id}`);
    assert.equal(deleted.statusCode, 204);
  });

  test('without SWITCHBOARD_SECRET_KEY an IMAP password is refused, naming the variable', async () => {
    const config = loadConfig({
      SWITCHBOARD_DATA_DIR: t.deps.config.SWITCHBOARD_DATA_DIR,
      SWITCHBOARD_SEED_DEMO: 'false',
    });
    const app = await buildApp({ ...t.deps, config });
    try {
      const res = await app.inject({
        method: 'POST',
        url: '/api/v1/mailboxes',
        headers: { authorization: `Bearer ${t.ws.admin.token}` },
        payload: {
          address: 'nokey@acme.test',
          name: 'No key',
          imap: { host: 'h', user: 'u', password: 'p' },
        },
      });
      assert.equal(res.statusCode, 422, res.body);
      assert.match(res.json().detail, /SWITCHBOARD_SECRET_KEY/);
      assert.equal(res.json().errors[0].pointer, '/imap/password');
    } finally {
      await app.close();
    }
  });

  test('an address is unique across workspaces', async () => {
    const other = await t.addWorkspace('globex');
    const res = await t.call(other.admin.token, 'POST', '/api/v1/mailboxes', {
      address: 'support@ACME.test',
      name: 'Copy',
    });
    assert.equal(res.statusCode, 409, res.body);
    assert.equal(res.json().code, 'MAILBOX_ADDRESS_TAKEN');
    const plus = await t.call(other.admin.token, 'POST', '/api/v1/mailboxes', {
      address: 'a+b@globex.test',
      name: 'Plus',
    });
    assert.equal(plus.statusCode, 422);
    const list = await t.call(other.admin.token, 'GET', '/api/v1/mailboxes');
    assert.deepEqual(list.json().data, []);
  });

  test('agents cannot manage mailboxes or read the inbound log', async () => {
    for (const [method, url] of [
      ['GET', '/api/v1/mailboxes'],
      ['POST', '/api/v1/mailboxes'],
      ['GET', '/api/v1/inbound-emails'],
      ['GET', `/api/v1/mailboxes/${mailbox.id}`],
    ] as const) {
      const res = await t.call(
        t.ws.agent.token,
        method,
        url,
        method === 'POST' ? { address: 'x@y.test', name: 'x' } : undefined,
      );
      assert.equal(res.statusCode, 403, `${method} ${url}`);
    }
  });

  test('the original .eml: agents download it, light agents may not', async () => {
    const raw = mail({ from: 'orig@example.com', subject: 'Original please', body: '원문' });
    const result = await ingest(raw);
    const res = await t.call(t.ws.agent.token, 'GET', `/api/v1/messages/${result.messageId}/original`);
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.headers['content-type'], 'message/rfc822');
    assert.ok(res.rawPayload.equals(raw));
    const light = await t.call(t.ws.lightAgent.token, 'GET', `/api/v1/messages/${result.messageId}/original`);
    assert.equal(light.statusCode, 403);
    const other = await t.addWorkspace('initech');
    const foreign = await t.call(other.agent.token, 'GET', `/api/v1/messages/${result.messageId}/original`);
    assert.equal(foreign.statusCode, 404);
  });
});
