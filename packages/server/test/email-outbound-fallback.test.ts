/**
 * Chat → email fallback and the sweep that sends mail without a job queue, on a manual
 * clock (the API's and the sweep's alike). The SMTP relay is a real server on loopback.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { type App, buildApp } from '../src/app.ts';
import { loadConfig } from '../src/config/config.ts';
import { runSweep } from '../src/modules/automation/sweep.ts';
import { closeOutboundTransports } from '../src/modules/email/outbound/send-outbound-email.ts';
import { sweepOutbound } from '../src/modules/email/outbound/sweep-outbound.ts';
import { manualClock } from '../src/platform/clock.ts';
import { type SmtpSink, startSmtpSink } from './support/smtp-sink.ts';
import { createTestContext, type TestContext } from './support/test-app.ts';

const minuteMs = 60_000;
const clock = manualClock(new Date('2030-03-06T09:00:00Z'));
let t: TestContext;
let app: App;
let sink: SmtpSink;

before(async () => {
  sink = await startSmtpSink();
  // The running app has no relay configured; sweeps below run with or without one.
  t = await createTestContext();
  app = await buildApp({ ...t.deps, clock });
});
after(async () => {
  closeOutboundTransports();
  await app?.close();
  await t?.close();
  await sink?.close();
});

const withRelay = () => ({
  ...t.deps,
  clock,
  jobs: null,
  config: loadConfig({
    SWITCHBOARD_DATA_DIR: t.deps.config.SWITCHBOARD_DATA_DIR,
    SWITCHBOARD_SMTP_OUTBOUND_URL: sink.url,
  }),
});
const withoutRelay = () => ({ ...t.deps, clock, jobs: null });

async function call(method: 'GET' | 'POST' | 'PATCH', url: string, body?: object) {
  const response = await app.inject({
    method,
    url,
    headers: { authorization: `Bearer ${t.ws.agent.token}` },
    ...(body ? { payload: body } : {}),
  });
  assert.ok(response.statusCode < 300, `${method} ${url}: ${response.body}`);
  return response.json();
}

async function chat(subject: string, requester: object, text: string) {
  return (await call('POST', '/api/v1/tickets', {
    subject,
    channel: 'chat',
    requester,
    message: { bodyText: text },
  })) as { id: string; number: number };
}

type Delivery = { status: string; error: string | null; sentAt: string | null } | null;

async function deliveryOf(ticketId: string, messageId: string): Promise<Delivery> {
  const data = (await call('GET', `/api/v1/tickets/${ticketId}/messages`)).data as {
    id: string;
    delivery: Delivery;
  }[];
  return data.find((m) => m.id === messageId)?.delivery ?? null;
}

describe('chat → email fallback', () => {
  test('an unanswered chat continues by email once, with its transcript, and later replies are mailed too', async () => {
    const visitor = 'hana@visitor.example';
    const ticket = await chat('Chat with Hana', { email: visitor, name: 'Hana Kim' }, 'Is anyone there?');
    await call('POST', `/api/v1/tickets/${ticket.id}/messages`, {
      bodyText: 'Internal: busy day.',
      visibility: 'internal',
    });
    clock.advance(9 * minuteMs);
    assert.equal((await sweepOutbound(withRelay())).fallbacks, 0, 'not yet: 9 of 10 minutes');
    clock.advance(2 * minuteMs);
    const swept = await sweepOutbound(withRelay());
    assert.equal(swept.fallbacks, 1);
    assert.equal(swept.sent, 1, 'the sweep sends it: no job queue here');

    const [mail] = await sink.waitFor(visitor);
    assert.equal(mail?.parsed.subject, `[#${ticket.number}] Chat with Hana`);
    assert.match(mail?.parsed.text ?? '', /We could not answer your chat right away/);
    assert.match(mail?.parsed.text ?? '', /\[2030-03-06 09:00 UTC\] Hana Kim: Is anyone there\?/);
    assert.doesNotMatch(mail?.parsed.text ?? '', /busy day/, 'internal notes stay inside');
    assert.equal(mail?.header('Auto-Submitted'), 'auto-replied');

    const timeline = (await call('GET', `/api/v1/tickets/${ticket.id}/timeline`)).data as {
      type: string;
      data: Record<string, unknown>;
    }[];
    const fallback = timeline.filter((e) => e.type === 'ticket.channel_fallback');
    assert.equal(fallback.length, 1);
    assert.deepEqual(fallback[0]?.data, { from: 'chat', to: 'email', address: visitor });

    // Exactly once, however many sweeps (or instances) look again.
    clock.advance(30 * minuteMs);
    const again = await Promise.all([sweepOutbound(withRelay()), sweepOutbound(withRelay())]);
    assert.deepEqual(
      again.map((r) => r.fallbacks),
      [0, 0],
    );
    const rows = await t.database.db
      .selectFrom('outbound_emails')
      .select('kind')
      .where('ticket_id', '=', ticket.id)
      .execute();
    assert.deepEqual(
      rows.map((r) => r.kind),
      ['fallback'],
    );

    // The agent answers in the chat: the visitor gets it by email too, threaded.
    const answer = (await call('POST', `/api/v1/tickets/${ticket.id}/messages`, {
      bodyText: 'Sorry for the wait! Here is the answer.',
      visibility: 'public',
    })) as { id: string; channel: string; delivery: Delivery };
    assert.equal(answer.channel, 'chat');
    assert.equal(answer.delivery?.status, 'queued');
    await sweepOutbound(withRelay());
    const mails = await sink.waitFor(visitor, 2);
    assert.equal(mails[1]?.parsed.subject, `Re: [#${ticket.number}] Chat with Hana`);
    assert.equal(mails[1]?.header('In-Reply-To'), mails[0]?.header('Message-ID'));
    assert.match(mails[1]?.parsed.text ?? '', /Sorry for the wait!/);
    assert.equal((await deliveryOf(ticket.id, answer.id))?.status, 'sent');
  });

  test('a chat an agent answered, or whose visitor left no address, stays a chat', async () => {
    const answered = await chat('Answered chat', { email: 'answered@visitor.example' }, 'Hi');
    clock.advance(minuteMs);
    await call('POST', `/api/v1/tickets/${answered.id}/messages`, {
      bodyText: 'Hello!',
      visibility: 'public',
    });
    const anonymous = await chat('Phone-only chat', { phone: '+82 10 1234 5678' }, 'Hi');
    const korean = await chat('한국어 채팅', { email: 'jiwoo@visitor.example' }, '안녕하세요');
    await call('PATCH', `/api/v1/tickets/${korean.id}`, { language: 'ko' });
    clock.advance(20 * minuteMs);
    // Through the periodic sweep itself, as background.ts runs it.
    const result = await runSweep(withRelay());
    assert.equal(result.outbound.fallbacks, 1);
    const fellBack = await t.database.db.selectFrom('ticket_email_fallbacks').select('ticket_id').execute();
    const ids = fellBack.map((f) => f.ticket_id);
    assert.ok(ids.includes(korean.id));
    assert.ok(!ids.includes(answered.id));
    assert.ok(!ids.includes(anonymous.id));
    const [mail] = await sink.waitFor('jiwoo@visitor.example');
    assert.match(mail?.parsed.text ?? '', /채팅으로 바로 답변드리지 못해/);
    assert.match(mail?.parsed.text ?? '', /대화 내용:/);
  });
  test('a chat whose visitor went quiet over a day ago is history: never mailed', async () => {
    const old = await chat('Yesterday chat', { email: 'yesterday@visitor.example' }, 'Hello?');
    clock.advance(25 * 60 * minuteMs);
    assert.equal((await sweepOutbound(withRelay())).fallbacks, 0);
    const rows = await t.database.db
      .selectFrom('ticket_email_fallbacks')
      .select('ticket_id')
      .where('ticket_id', '=', old.id)
      .execute();
    assert.equal(rows.length, 0);
  });
});

describe('without a relay or a job queue', () => {
  test('mail waits queued with the reason visible, and goes once SMTP is configured', async () => {
    const customer = 'patient@customer.example';
    const ticket = (await call('POST', '/api/v1/tickets', {
      subject: 'Email ticket',
      channel: 'email',
      requester: { email: customer },
      message: { bodyText: 'Hello' },
    })) as { id: string; number: number };
    const message = (await call('POST', `/api/v1/tickets/${ticket.id}/messages`, {
      bodyText: 'Our answer.',
      visibility: 'public',
    })) as { id: string; delivery: Delivery };
    assert.deepEqual(message.delivery, {
      status: 'queued',
      error: 'outbound SMTP not configured',
      sentAt: null,
    });
    assert.equal((await sweepOutbound(withoutRelay())).mails, 0);
    assert.deepEqual(await deliveryOf(ticket.id, message.id), {
      status: 'queued',
      error: 'outbound SMTP not configured',
      sentAt: null,
    });
    clock.advance(minuteMs);
    const swept = await sweepOutbound(withRelay());
    assert.equal(swept.sent, 1);
    const [mail] = await sink.waitFor(customer);
    assert.equal(mail?.parsed.subject, `[#${ticket.number}] Email ticket`, 'no inbound mail: not a Re:');
    assert.equal(
      mail?.parsed.from?.address,
      'support@switchboard.invalid',
      'no mailbox: SWITCHBOARD_EMAIL_FROM',
    );
    const delivery = await deliveryOf(ticket.id, message.id);
    assert.equal(delivery?.status, 'sent');
    assert.equal(delivery?.error, null);
    assert.equal(delivery?.sentAt, clock.now().toISOString());
  });

  test('a temporary refusal is retried by later sweeps with a growing delay', async () => {
    const customer = 'later@customer.example';
    sink.script(customer, [421, 451, 250]);
    const ticket = (await call('POST', '/api/v1/tickets', {
      subject: 'Retry by sweep',
      channel: 'email',
      requester: { email: customer },
      message: { bodyText: 'Hello' },
    })) as { id: string };
    const message = (await call('POST', `/api/v1/tickets/${ticket.id}/messages`, {
      bodyText: 'Answer.',
      visibility: 'public',
    })) as { id: string };
    const row = () =>
      t.database.db
        .selectFrom('outbound_emails')
        .select(['status', 'attempts', 'last_error'])
        .where('message_id', '=', message.id)
        .executeTakeFirstOrThrow();
    await sweepOutbound(withRelay());
    assert.deepEqual(await row(), { status: 'queued', attempts: 1, last_error: (await row()).last_error });
    assert.match((await row()).last_error ?? '', /421/);
    await sweepOutbound(withRelay());
    assert.equal((await row()).attempts, 1, 'not due yet: waits 30 s');
    clock.advance(31_000);
    await sweepOutbound(withRelay());
    assert.equal((await row()).attempts, 2);
    clock.advance(61_000);
    await sweepOutbound(withRelay());
    assert.deepEqual(await row(), { status: 'sent', attempts: 3, last_error: null });
    assert.equal(sink.attempts.get(customer), 3);
  });
});

describe('the notification outbox', () => {
  test('the sweep mails pending notifications filed without a mail, but not day-old ones', async () => {
    const ticket = (await call('POST', '/api/v1/tickets', {
      subject: 'Filed elsewhere',
      requester: { email: 'someone@customer.example' },
      message: { bodyText: 'Hello' },
    })) as { id: string; number: number };
    const file = async (address: string, createdAt: Date) => {
      const id = randomUUID();
      await t.database.db
        .insertInto('notifications')
        .values({
          id,
          workspace_id: t.ws.id,
          ticket_id: ticket.id,
          recipient_kind: 'agent',
          recipient_id: t.ws.agent.id,
          recipient_address: address,
          subject: 'Have a look',
          body_text: 'A ticket wants you.',
          body_html: '<p>A ticket wants you.</p>',
          cause: JSON.stringify({ locale: 'en' }),
          created_at: createdAt,
        })
        .execute();
      return id;
    };
    const fresh = await file('fresh-agent@acme.test', clock.now());
    const stale = await file('stale-agent@acme.test', new Date(clock.now().getTime() - 25 * 60 * minuteMs));
    const swept = await sweepOutbound(withRelay());
    assert.equal(swept.notifications, 1);
    const [mail] = await sink.waitFor('fresh-agent@acme.test');
    assert.equal(mail?.parsed.subject, `[#${ticket.number}] Have a look`);
    const status = async (id: string) =>
      (
        await t.database.db
          .selectFrom('notifications')
          .select('status')
          .where('id', '=', id)
          .executeTakeFirstOrThrow()
      ).status;
    assert.equal(await status(fresh), 'sent');
    assert.equal(await status(stale), 'pending');
    assert.equal((await sweepOutbound(withRelay())).notifications, 0, 'filed once');
  });
});
