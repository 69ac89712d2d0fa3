/**
 * Outbound mail through the real pieces: mail comes in through the inbound pipeline, agents
 * and rules answer through the API and the rules engine, the `email.send` jobs run on
 * pg-boss, and a real SMTP server on loopback (test/support/smtp-sink.ts) receives what
 * nodemailer sends. Headers are read from the raw mail the sink got.
 */
import assert from 'node:assert/strict';
import { randomBytes, randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { drainInbox } from '../src/modules/automation/process-inbox.ts';
import { ingestRawEmail } from '../src/modules/email/ingest-raw-email.ts';
import { mailLocaleOf, mailSubject } from '../src/modules/email/outbound/outbound-templates.ts';
import {
  OUTBOUND_QUEUE_DEFINITION,
  registerOutboundWorker,
} from '../src/modules/email/outbound/outbound-worker.ts';
import { queueNotificationEmails } from '../src/modules/email/outbound/queue-notification-email.ts';
import { headerProblem } from '../src/modules/email/outbound/queue-outbound-email.ts';
import { closeOutboundTransports } from '../src/modules/email/outbound/send-outbound-email.ts';
import { type JobQueue, startJobQueue } from '../src/platform/jobs.ts';
import { insertRuleSet } from './support/rules.ts';
import { type SmtpSink, startSmtpSink } from './support/smtp-sink.ts';
import { createTestContext, type TestContext } from './support/test-app.ts';

const MAILBOX = 'help@acme.test';
const SIGNATURE = 'Acme Support · 1588-0000\nhttps://acme.test/help';
const LIMIT = 3;

let t: TestContext;
let sink: SmtpSink;
let jobs: JobQueue;
const jobSchema = `pgboss_${randomBytes(6).toString('hex')}`;

before(async () => {
  sink = await startSmtpSink();
  t = await createTestContext({
    SWITCHBOARD_SMTP_OUTBOUND_URL: sink.url,
    SWITCHBOARD_AUTOMATIC_EMAILS_PER_HOUR: String(LIMIT),
  });
  // Shorter retries than production so the suite stays quick; the same backoff mechanics.
  jobs = await startJobQueue(t.database, {
    schema: jobSchema,
    queues: [{ ...OUTBOUND_QUEUE_DEFINITION, retryLimit: 2, retryDelaySeconds: 1 }],
    onError: () => {},
  });
  t.deps.jobs = jobs;
  await registerOutboundWorker(jobs, t.deps, { pollingIntervalSeconds: 0.5 });
  const now = new Date();
  await t.database.db
    .insertInto('mailboxes')
    .values({
      id: randomUUID(),
      workspace_id: t.ws.id,
      address: MAILBOX,
      name: 'Acme Help',
      from_name: 'Acme 고객지원',
      signature_text: SIGNATURE,
      inbound_secret_hash: 'not-used',
      created_at: now,
      updated_at: now,
    })
    .execute();
});

after(async () => {
  if (t) t.deps.jobs = null;
  await jobs?.stop();
  closeOutboundTransports();
  if (t) await sql`drop schema if exists ${sql.id(jobSchema)} cascade`.execute(t.database.db);
  await t?.close();
  await sink?.close();
});

type MailInput = {
  from: string;
  subject: string;
  body: string;
  messageId?: string;
  inReplyTo?: string;
  references?: string[];
  headers?: Record<string, string>;
};

const encodeWord = (s: string) =>
  /^[\x20-\x7e]*$/.test(s) ? s : `=?UTF-8?B?${Buffer.from(s).toString('base64')}?=`;

function rawMail(m: MailInput): { raw: Buffer; messageId: string } {
  const messageId = m.messageId ?? `${randomUUID()}@customer.example`;
  const lines = [
    `From: ${m.from}`,
    `To: ${MAILBOX}`,
    `Subject: ${encodeWord(m.subject)}`,
    `Date: ${new Date().toUTCString()}`,
    `Message-ID: <${messageId}>`,
    ...(m.inReplyTo ? [`In-Reply-To: <${m.inReplyTo}>`] : []),
    ...(m.references ? [`References: ${m.references.map((r) => `<${r}>`).join(' ')}`] : []),
    ...Object.entries(m.headers ?? {}).map(([k, v]) => `${k}: ${v}`),
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    'Content-Transfer-Encoding: 8bit',
    '',
    m.body,
    '',
  ];
  return { raw: Buffer.from(lines.join('\r\n')), messageId };
}

async function receive(m: MailInput) {
  const { raw, messageId } = rawMail(m);
  const result = await ingestRawEmail(t.deps, {
    workspaceId: t.ws.id,
    raw,
    source: 'smtp',
    recipients: [MAILBOX],
  });
  assert.equal(result.status, 'stored', JSON.stringify(result));
  assert.ok(result.ticketId);
  return { ticketId: result.ticketId, messageId };
}

async function reply(ticketId: string, bodyText: string) {
  const res = await t.call(t.ws.agent.token, 'POST', `/api/v1/tickets/${ticketId}/messages`, {
    bodyText,
    visibility: 'public',
  });
  assert.equal(res.statusCode, 201, res.body);
  return res.json() as { id: string; delivery: { status: string } | null };
}

type Delivery = { status: string; error: string | null; sentAt: string | null } | null;

async function deliveryOf(ticketId: string, messageId: string): Promise<Delivery> {
  const res = await t.call(t.ws.agent.token, 'GET', `/api/v1/tickets/${ticketId}/messages`);
  assert.equal(res.statusCode, 200, res.body);
  const m = (res.json().data as { id: string; delivery: Delivery }[]).find((x) => x.id === messageId);
  assert.ok(m, 'the message is listed');
  return m.delivery;
}

/** Waits for the outbound row of a message (or any predicate) to settle. */
async function settled(where: { messageId?: string; notificationId?: string }) {
  const deadline = Date.now() + 60_000;
  for (;;) {
    let q = t.database.db.selectFrom('outbound_emails').selectAll();
    if (where.messageId) q = q.where('message_id', '=', where.messageId);
    if (where.notificationId) q = q.where('notification_id', '=', where.notificationId);
    const row = await q.executeTakeFirst();
    if (row && row.status !== 'queued') return row;
    if (Date.now() > deadline) throw new Error(`still queued: ${JSON.stringify(row)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function ticketNumber(ticketId: string): Promise<string> {
  const res = await t.call(t.ws.agent.token, 'GET', `/api/v1/tickets/${ticketId}`);
  return String(res.json().number);
}

describe('agent replies', () => {
  test('a reply threads with the customer mail: From, Reply-To, Subject, Message-ID, In-Reply-To, References, signature', async () => {
    const customer = 'minji@customer.example';
    const first = await receive({
      from: `Minji Park <${customer}>`,
      subject: 'Invoice question',
      body: 'Why was I charged twice?',
      references: ['older-thread@customer.example'],
    });
    const message = await reply(first.ticketId, 'We refunded the second charge.');
    assert.deepEqual(message.delivery, { status: 'queued', error: null, sentAt: null });

    const [mail] = await sink.waitFor(customer);
    assert.ok(mail);
    const n = await ticketNumber(first.ticketId);
    assert.deepEqual(mail.parsed.from, { address: MAILBOX, name: 'Acme 고객지원' });
    assert.deepEqual(
      mail.parsed.to?.map((a) => a.address),
      [customer],
    );
    assert.equal(mail.parsed.subject, `Re: [#${n}] Invoice question`);
    assert.match(mail.parsed.replyTo?.[0]?.address ?? '', /^help\+[0-9a-f]{42}@acme\.test$/);
    assert.match(mail.header('Message-ID') ?? '', /^<[0-9a-f-]{36}@acme\.test>$/);
    assert.equal(mail.header('In-Reply-To'), `<${first.messageId}>`);
    assert.equal(mail.header('References'), `<older-thread@customer.example> <${first.messageId}>`);
    assert.equal(mail.header('Auto-Submitted'), undefined, 'a person wrote this reply');
    assert.match(mail.parsed.text ?? '', /We refunded the second charge\./);
    assert.ok(mail.parsed.text?.includes(`-- \n${SIGNATURE}`), mail.parsed.text);
    assert.match(mail.parsed.text ?? '', new RegExp(`Ticket #${n} · Reply to this email`));
    assert.match(mail.parsed.html ?? '', /Acme Support · 1588-0000<br>https:\/\/acme\.test\/help/);

    // Our Message-ID is on record, so the customer's answer threads back to the same ticket.
    const ours = (mail.header('Message-ID') ?? '').slice(1, -1);
    const recorded = await t.database.db
      .selectFrom('email_message_ids')
      .selectAll()
      .where('message_id_header', '=', ours)
      .executeTakeFirstOrThrow();
    assert.equal(recorded.direction, 'out');
    assert.equal(recorded.ticket_id, first.ticketId);
    assert.equal(recorded.message_id, message.id);
    const answer = await receive({
      from: customer,
      subject: 'a new subject the client made up',
      body: 'Thanks, got it.',
      inReplyTo: ours,
      references: [first.messageId, ours],
    });
    assert.equal(answer.ticketId, first.ticketId);

    const delivery = await deliveryOf(first.ticketId, message.id);
    assert.equal(delivery?.status, 'sent');
    assert.equal(delivery?.error, null);
    assert.ok(delivery?.sentAt);

    // The next reply answers the customer's latest mail and carries the whole chain.
    const second = await reply(first.ticketId, 'Anything else?');
    const mails = await sink.waitFor(customer, 2);
    assert.equal(mails[1]?.header('In-Reply-To'), `<${answer.messageId}>`);
    assert.equal(mails[1]?.header('References'), `<${first.messageId}> <${ours}> <${answer.messageId}>`);
    assert.equal((await settled({ messageId: second.id })).status, 'sent');
  });

  test('a Korean ticket gets the Korean template, in text and HTML, with HTML escaped', async () => {
    const customer = 'seojun@customer.example';
    const first = await receive({
      from: customer,
      subject: '배송 문의',
      body: '주문한 상품이 아직 안 왔어요.',
    });
    const patched = await t.call(t.ws.agent.token, 'PATCH', `/api/v1/tickets/${first.ticketId}`, {
      language: 'ko',
    });
    assert.equal(patched.statusCode, 200, patched.body);
    await reply(first.ticketId, '내일 도착 예정입니다. <script>alert(1)</script>');
    const [mail] = await sink.waitFor(customer);
    const n = await ticketNumber(first.ticketId);
    assert.equal(mail?.parsed.subject, `Re: [#${n}] 배송 문의`);
    assert.match(
      mail?.parsed.text ?? '',
      new RegExp(`티켓 #${n} · 이 메일에 회신하시면 대화가 이어집니다\\.`),
    );
    assert.match(mail?.parsed.html ?? '', /<html lang="ko">/);
    assert.match(mail?.parsed.html ?? '', /이 메일에 회신하시면/);
    assert.doesNotMatch(mail?.parsed.html ?? '', /<script/i);
    assert.doesNotMatch(mail?.parsed.text ?? '', /Reply to this email/);
  });

  test("the message's attachments go with the mail, byte for byte", async () => {
    const customer = 'files@customer.example';
    const first = await receive({ from: customer, subject: 'Quote please', body: 'Send the quote.' });
    const pdf = Buffer.concat([
      Buffer.from('%PDF-1.7\n'),
      Buffer.from('견적 금액: 1,200,000원\n'),
      randomBytes(300),
    ]);
    const uploaded = await t.call(
      t.ws.agent.token,
      'POST',
      `/api/v1/attachments?filename=${encodeURIComponent('견적서.pdf')}`,
      pdf,
      { 'content-type': 'application/pdf' },
    );
    assert.equal(uploaded.statusCode, 201, uploaded.body);
    const res = await t.call(t.ws.agent.token, 'POST', `/api/v1/tickets/${first.ticketId}/messages`, {
      bodyText: 'Here it is.',
      visibility: 'public',
      attachmentIds: [uploaded.json().id],
    });
    assert.equal(res.statusCode, 201, res.body);
    const [mail] = await sink.waitFor(customer);
    const files = mail?.parsed.attachments ?? [];
    assert.equal(files.length, 1);
    assert.equal(files[0]?.filename, '견적서.pdf');
    assert.equal(files[0]?.mimeType, 'application/pdf');
    assert.ok(Buffer.from(files[0]?.content as ArrayBuffer).equals(pdf));
  });

  test('a 451 is retried with backoff until the relay takes the mail', async () => {
    const customer = 'retry@customer.example';
    sink.script(customer, [451, 250]);
    const first = await receive({ from: customer, subject: 'Flaky relay', body: 'Hello?' });
    const message = await reply(first.ticketId, 'Hello from us.');
    const row = await settled({ messageId: message.id });
    assert.equal(row.status, 'sent');
    assert.equal(row.attempts, 2);
    assert.match(row.smtp_response ?? '', /^250/);
    assert.equal(sink.attempts.get(customer), 2);
    assert.equal((await sink.waitFor(customer)).length, 1);
    assert.equal((await deliveryOf(first.ticketId, message.id))?.status, 'sent');
  });

  test('a 550 fails at once, with the reason on the message', async () => {
    const customer = 'gone@customer.example';
    sink.script(customer, [550]);
    const first = await receive({ from: customer, subject: 'Leaving soon', body: 'Bye' });
    const message = await reply(first.ticketId, 'Sorry to see you go.');
    const row = await settled({ messageId: message.id });
    assert.equal(row.status, 'failed');
    assert.equal(row.attempts, 1, 'a permanent refusal is not retried');
    const delivery = await deliveryOf(first.ticketId, message.id);
    assert.equal(delivery?.status, 'failed');
    assert.match(delivery?.error ?? '', /550/);
    assert.equal(delivery?.sentAt, null);
  });

  test('an internal note and a reply on a ticket of another channel are not mailed', async () => {
    const customer = 'minji@customer.example';
    const created = await t.call(t.ws.agent.token, 'POST', '/api/v1/tickets', {
      subject: 'By phone',
      channel: 'phone',
      requester: { email: customer },
      message: { bodyText: 'Called about the invoice.' },
    });
    assert.equal(created.statusCode, 201, created.body);
    const phoneReply = await reply(created.json().id, 'Noted.');
    assert.equal(phoneReply.delivery, null);
    const first = await receive({ from: customer, subject: 'Another question', body: 'One more thing.' });
    const note = await t.call(t.ws.agent.token, 'POST', `/api/v1/tickets/${first.ticketId}/messages`, {
      bodyText: 'Customer is a VIP.',
      visibility: 'internal',
    });
    assert.equal(note.statusCode, 201, note.body);
    assert.equal(note.json().delivery, null);
    const rows = await t.database.db
      .selectFrom('outbound_emails')
      .select('id')
      .where('message_id', 'in', [phoneReply.id, note.json().id])
      .execute();
    assert.equal(rows.length, 0);
  });
});

describe('automatic mail', () => {
  test('rule notifications are mailed to agents and the requester, marked Auto-Submitted', async () => {
    await insertRuleSet(t.database.db, t.ws.id, {
      kind: 'creation',
      rules: [
        {
          name: 'Announce outages',
          kind: 'creation',
          conditions: { all: [{ field: 'ticket.subject', operator: 'contains', value: 'outage' }] },
          actions: [
            { type: 'notify', target: 'agent', agentId: t.ws.agent.id, subject: 'Outage', body: 'Look now.' },
            { type: 'notify', target: 'requester', subject: 'We are on it', body: 'Thanks for telling us.' },
          ],
        },
      ],
    });
    const customer = 'ops@customer.example';
    const first = await receive({ from: customer, subject: 'Total outage in Busan', body: 'Nothing loads.' });
    await drainInbox(t.deps);
    const n = await ticketNumber(first.ticketId);
    // (An urgent ticket may also get the workspace's urgent acknowledgement: mails are found by subject.)
    const toAgent = await sink.waitForSubject(t.ws.agent.email, `[#${n}] Outage`);
    const toCustomer = await sink.waitForSubject(customer, `Re: [#${n}] We are on it`);
    assert.match(toAgent.parsed.text ?? '', /Look now\./);
    assert.equal(toAgent.header('Auto-Submitted'), 'auto-replied');
    assert.equal(toAgent.parsed.replyTo, undefined, 'agents answer in the app, not by mail');
    assert.equal(toCustomer.header('Auto-Submitted'), 'auto-replied');
    assert.equal(toCustomer.header('In-Reply-To'), `<${first.messageId}>`);
    const filed = await t.database.db
      .selectFrom('notifications')
      .select('id')
      .where('ticket_id', '=', first.ticketId)
      .execute();
    for (const n of filed) assert.equal((await settled({ notificationId: n.id })).status, 'sent');
    const notifications = await t.call(
      t.ws.admin.token,
      'GET',
      `/api/v1/notifications?ticketId=${first.ticketId}`,
    );
    assert.equal(notifications.statusCode, 200, notifications.body);
    const statuses = (notifications.json().data as { status: string; sentAt: string | null }[]).map((x) => [
      x.status,
      x.sentAt !== null,
    ]);
    assert.deepEqual(statuses, [
      ['sent', true],
      ['sent', true],
    ]);
  });

  test('an acknowledgement never answers an auto-reply (loop protection), but answers a person', async () => {
    const customer = 'away@customer.example';
    const first = await receive({ from: customer, subject: 'Loop check', body: 'A real question.' });
    await drainInbox(t.deps);
    await insertRuleSet(t.database.db, t.ws.id, {
      kind: 'update',
      rules: [
        {
          name: 'Acknowledge every mail on loop checks',
          kind: 'update',
          events: ['message.added'],
          ignoreOwnChanges: true,
          conditions: { all: [{ field: 'ticket.subject', operator: 'contains', value: 'Loop check' }] },
          actions: [{ type: 'send_reply', body: 'We received your message.' }],
        },
      ],
    });
    const n = await ticketNumber(first.ticketId);
    const autoReply = await receive({
      from: customer,
      subject: `Out of office: Re: [#${n}] Loop check`,
      body: 'I am away until Monday.',
      inReplyTo: first.messageId,
      headers: { 'Auto-Submitted': 'auto-replied' },
    });
    assert.equal(autoReply.ticketId, first.ticketId);
    await drainInbox(t.deps);
    const skipped = await t.database.db
      .selectFrom('outbound_emails')
      .selectAll()
      .where('ticket_id', '=', first.ticketId)
      .where('kind', '=', 'acknowledgement')
      .execute();
    assert.equal(skipped.length, 1, 'the rule answered, the mail was filed');
    assert.equal(skipped[0]?.status, 'skipped');
    assert.equal(skipped[0]?.last_error, 'loop_protection');
    const messages = await t.call(t.ws.agent.token, 'GET', `/api/v1/tickets/${first.ticketId}/messages`);
    const ack = (messages.json().data as { id: string; delivery: Delivery }[]).find(
      (m) => m.id === skipped[0]?.message_id,
    );
    assert.deepEqual(ack?.delivery, { status: 'skipped', error: 'loop_protection', sentAt: null });

    // A person writing again does get the acknowledgement.
    await receive({
      from: customer,
      subject: `Re: [#${n}] Loop check`,
      body: 'Back now.',
      inReplyTo: first.messageId,
    });
    await drainInbox(t.deps);
    const [mail] = await sink.waitFor(customer);
    assert.match(mail?.parsed.text ?? '', /We received your message\./);
    assert.equal(mail?.header('Auto-Submitted'), 'auto-replied');
  });

  test(`one recipient gets at most ${LIMIT} automatic mails an hour`, async () => {
    const customer = 'chatty@customer.example';
    const first = await receive({ from: customer, subject: 'Chatty one', body: 'Mail 1' });
    await drainInbox(t.deps);
    await insertRuleSet(t.database.db, t.ws.id, {
      kind: 'update',
      rules: [
        {
          name: 'Acknowledge chatty',
          kind: 'update',
          events: ['message.added'],
          ignoreOwnChanges: true,
          conditions: { all: [{ field: 'ticket.subject', operator: 'contains', value: 'Chatty one' }] },
          actions: [{ type: 'send_reply', body: 'Noted.' }],
        },
      ],
    });
    const n = await ticketNumber(first.ticketId);
    for (let i = 2; i <= LIMIT + 3; i++) {
      await receive({
        from: customer,
        subject: `Re: [#${n}] Chatty one`,
        body: `Mail ${i}`,
        inReplyTo: first.messageId,
      });
      await drainInbox(t.deps);
    }
    const rows = await t.database.db
      .selectFrom('outbound_emails')
      .select(['status', 'last_error'])
      .where('ticket_id', '=', first.ticketId)
      .orderBy('created_at')
      .orderBy('id')
      .execute();
    assert.deepEqual(
      rows.map((r) => (r.status === 'skipped' ? `skipped:${r.last_error}` : 'mailed')),
      [...Array(LIMIT).fill('mailed'), 'skipped:rate_limited', 'skipped:rate_limited'],
    );
    assert.equal((await sink.waitFor(customer, LIMIT)).length, LIMIT);
    // A person's reply is not automatic: it still goes.
    const message = await reply(first.ticketId, 'A human answer.');
    assert.equal((await settled({ messageId: message.id })).status, 'sent');
  });
});

describe('header injection', () => {
  test('addresses and subjects with line breaks are refused', () => {
    assert.equal(headerProblem({ to: ['a@b.example'], subject: 'Fine' }), null);
    assert.match(
      headerProblem({ to: ['a@b.example'], subject: 'Hi\r\nBcc: x@evil.example' }) ?? '',
      /subject/,
    );
    assert.match(
      headerProblem({ to: ['a@b.example\r\nBcc: x@evil.example'], subject: 'Hi' }) ?? '',
      /recipient/,
    );
    assert.match(
      headerProblem({ to: ['a@b.example, x@evil.example'], subject: 'Hi' }) ?? '',
      /plain address/,
    );
    assert.match(
      headerProblem({ to: ['a@b.example'], subject: 'Hi', fromName: 'Acme\nBcc: x' }) ?? '',
      /sender/,
    );
  });

  test('a notification to an address with a line break is filed as failed, never sent', async () => {
    const created = await t.call(t.ws.agent.token, 'POST', '/api/v1/tickets', {
      subject: 'Injection',
      requester: { email: 'victim@customer.example' },
      message: { bodyText: 'x' },
    });
    assert.equal(created.statusCode, 201, created.body);
    const id = randomUUID();
    await t.database.db.transaction().execute(async (trx) => {
      await trx
        .insertInto('notifications')
        .values({
          id,
          workspace_id: t.ws.id,
          ticket_id: created.json().id,
          recipient_kind: 'agent',
          recipient_id: null,
          recipient_address: 'agent@acme.test\r\nBcc: x@evil.example',
          subject: 'Hello',
          body_text: 'x',
          body_html: '<p>x</p>',
          cause: JSON.stringify({}),
          created_at: new Date(),
        })
        .execute();
      await queueNotificationEmails(t.deps, trx, [id]);
    });
    const row = await settled({ notificationId: id });
    assert.equal(row.status, 'failed');
    assert.match(row.last_error ?? '', /line break/);
    const notification = await t.database.db
      .selectFrom('notifications')
      .select(['status', 'error'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    assert.equal(notification.status, 'failed');
    assert.equal(
      sink.mails.some((m) => m.raw.includes('evil.example')),
      false,
    );
  });
});

describe('subjects and languages', () => {
  test('one ticket tag, one Re:, whatever the customer subject carried', () => {
    assert.equal(mailSubject('7', 'Re: RE: Fwd: Invoice', true), 'Re: [#7] Invoice');
    assert.equal(mailSubject('7', 'Re: [#7] 회신: 배송 문의', false), '[#7] 배송 문의');
    assert.equal(mailSubject('7', 'Regarding: the plan', true), 'Re: [#7] Regarding: the plan');
    assert.equal(mailLocaleOf(null, 'ko-KR'), 'ko');
    assert.equal(mailLocaleOf('en', 'ko'), 'en', 'the ticket language wins');
    assert.equal(mailLocaleOf(null, undefined), 'en');
  });
});
