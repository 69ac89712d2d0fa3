import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { ChannelDto, InboundResult, TicketDto } from '@switchboard/core';
import type { LightMyRequestResponse } from 'fastify';
import { createTestContext, type TestContext } from './support/test-app.ts';

let t: TestContext;
let social: ChannelDto;
let api: ChannelDto;
before(async () => {
  t = await createTestContext();
  social = await createChannel({ kind: 'social', name: 'Instagram @acme_kr' });
  api = await createChannel({ kind: 'api', name: 'Shop backend' });
});
after(async () => {
  await t?.close();
});

async function createChannel(body: object): Promise<ChannelDto> {
  const res = await t.call(t.ws.admin.token, 'POST', '/api/v1/channels', body);
  assert.equal(res.statusCode, 201, res.body);
  return res.json();
}

const inbound = (channelId: string, body: object) =>
  t.call(t.ws.agent.token, 'POST', `/api/v1/channels/${channelId}/inbound`, body);
const getTicket = async (id: string): Promise<TicketDto> =>
  (await t.call(t.ws.agent.token, 'GET', `/api/v1/tickets/${id}`)).json();
const messagesOf = async (id: string) =>
  (await t.call(t.ws.agent.token, 'GET', `/api/v1/tickets/${id}/messages`)).json().data as {
    id: string;
    channel: string;
    bodyText: string;
    authorType: string;
    metadata: Record<string, unknown>;
  }[];

function assertProblem(res: LightMyRequestResponse, status: number, code: string, pointers?: string[]) {
  assert.equal(res.statusCode, status, res.body);
  assert.match(String(res.headers['content-type']), /^application\/problem\+json/);
  assert.equal(res.json().code, code);
  if (pointers) {
    assert.deepEqual(
      res.json().errors.map((e: { pointer: string }) => e.pointer),
      pointers,
    );
  }
}

describe('channel administration', () => {
  test('admins create, list, read, rename, disable and delete channels', async () => {
    const created = await createChannel({
      kind: 'phone',
      name: 'Seoul hotline',
      settings: { defaultCountry: 'KR' },
    });
    assert.equal(created.enabled, true);
    assert.deepEqual(created.settings, { defaultCountry: 'KR' });
    assert.equal('secret' in created, false);
    const list = await t.call(t.ws.admin.token, 'GET', '/api/v1/channels?kind=phone');
    assert.deepEqual(
      list.json().data.map((c: ChannelDto) => c.id),
      [created.id],
    );
    const renamed = await t.call(t.ws.admin.token, 'PATCH', `/api/v1/channels/${created.id}`, {
      name: '서울 고객센터',
      enabled: false,
    });
    assert.equal(renamed.statusCode, 200, renamed.body);
    assert.equal(renamed.json().name, '서울 고객센터');
    assert.equal(renamed.json().enabled, false);
    const read = await t.call(t.ws.admin.token, 'GET', `/api/v1/channels/${created.id}`);
    assert.equal(read.json().name, '서울 고객센터');
    const deleted = await t.call(t.ws.admin.token, 'DELETE', `/api/v1/channels/${created.id}`);
    assert.equal(deleted.statusCode, 204);
    assertProblem(
      await t.call(t.ws.admin.token, 'GET', `/api/v1/channels/${created.id}`),
      404,
      'CHANNEL_NOT_FOUND',
    );
  });

  test('agents cannot manage channels, bad input names its fields', async () => {
    assertProblem(
      await t.call(t.ws.agent.token, 'POST', '/api/v1/channels', { kind: 'api', name: 'x' }),
      403,
      'AUTH_FORBIDDEN',
    );
    assertProblem(
      await t.call(t.ws.admin.token, 'POST', '/api/v1/channels', { kind: 'fax', name: '' }),
      422,
      'VALIDATION_FAILED',
      ['/kind', '/name'],
    );
  });

  test('a channel tickets came through cannot be deleted, only disabled', async () => {
    const channel = await createChannel({ kind: 'api', name: 'Temporary' });
    const res = await inbound(channel.id, {
      externalMessageId: 'tmp-1',
      from: { email: 'temp@example.com' },
      text: 'hello',
    });
    assert.equal(res.statusCode, 201, res.body);
    assertProblem(
      await t.call(t.ws.admin.token, 'DELETE', `/api/v1/channels/${channel.id}`),
      409,
      'CHANNEL_IN_USE',
    );
  });

  test('another workspace cannot see or use the channel', async () => {
    const other = await t.addWorkspace('globex');
    assertProblem(
      await t.call(other.admin.token, 'GET', `/api/v1/channels/${social.id}`),
      404,
      'CHANNEL_NOT_FOUND',
    );
    assertProblem(
      await t.call(other.agent.token, 'POST', `/api/v1/channels/${social.id}/inbound`, {
        externalMessageId: 'x',
        from: { email: 'a@example.com' },
        text: 'hi',
      }),
      404,
      'CHANNEL_NOT_FOUND',
    );
  });
});

describe('generic inbound API', () => {
  test('a first message opens a social ticket showing the channel name; a retry answers 200 with the same result', async () => {
    const body = {
      externalMessageId: 'ig-msg-1',
      externalThreadId: 'ig-thread-1',
      from: { name: '이서연', externalUserId: 'ig-17841', phone: '010-2222-3333' },
      text: '주문한 상품이 아직 도착하지 않았어요.\n주문번호 A-1001',
    };
    const first = await inbound(social.id, body);
    assert.equal(first.statusCode, 201, first.body);
    const result: InboundResult = first.json();
    assert.equal(result.createdTicket, true);
    assert.equal(result.followUpOfId, null);
    const ticket = await getTicket(result.ticketId);
    assert.equal(ticket.channel, 'social');
    assert.deepEqual(ticket.source, { channelId: social.id, name: 'Instagram @acme_kr' });
    assert.equal(ticket.subject, '주문한 상품이 아직 도착하지 않았어요.');
    const [message] = await messagesOf(ticket.id);
    assert.equal(message?.channel, 'social');
    assert.equal(message?.authorType, 'contact');
    assert.equal(message?.metadata.externalMessageId, 'ig-msg-1');

    const retry = await inbound(social.id, body);
    assert.equal(retry.statusCode, 200, retry.body);
    assert.deepEqual(retry.json(), result);
    assert.equal((await messagesOf(ticket.id)).length, 1);

    const contact = (await t.call(t.ws.agent.token, 'GET', `/api/v1/contacts/${ticket.requesterId}`)).json();
    assert.equal(contact.name, '이서연');
    assert.deepEqual(contact.phones, ['+821022223333']);
    assert.deepEqual(contact.externalIds, [`${social.id}:ig-17841`]);
  });

  test('the same thread continues the ticket; renaming the channel shows on the ticket', async () => {
    const opened: InboundResult = (
      await inbound(social.id, {
        externalMessageId: 'ig-msg-10',
        externalThreadId: 'ig-thread-10',
        from: { externalUserId: 'ig-555', name: 'Minho' },
        text: 'Is the store open on Sunday?',
      })
    ).json();
    const next = await inbound(social.id, {
      externalMessageId: 'ig-msg-11',
      externalThreadId: 'ig-thread-10',
      from: { externalUserId: 'ig-555' },
      html: '<p>And on <b>holidays</b>?<script>alert(1)</script></p>',
    });
    assert.equal(next.statusCode, 201, next.body);
    assert.equal(next.json().ticketId, opened.ticketId);
    assert.equal(next.json().createdTicket, false);
    const messages = await messagesOf(opened.ticketId);
    assert.deepEqual(
      messages.map((m) => m.channel),
      ['social', 'social'],
    );
    assert.doesNotMatch(JSON.stringify(messages[1]), /<script>/);

    const renamed = await t.call(t.ws.admin.token, 'PATCH', `/api/v1/channels/${social.id}`, {
      name: 'Instagram',
    });
    assert.equal(renamed.statusCode, 200);
    assert.equal((await getTicket(opened.ticketId)).source?.name, 'Instagram');
    await t.call(t.ws.admin.token, 'PATCH', `/api/v1/channels/${social.id}`, { name: 'Instagram @acme_kr' });
  });

  test('a message on the thread of a closed ticket opens a follow-up linked to it', async () => {
    const opened: InboundResult = (
      await inbound(api.id, {
        externalMessageId: 'shop-1',
        externalThreadId: 'order-77',
        from: { email: 'jiwoo@example.kr', name: 'Jiwoo' },
        subject: 'Order 77 refund',
        text: 'Please refund order 77.',
      })
    ).json();
    await t.call(t.ws.agent.token, 'PATCH', `/api/v1/tickets/${opened.ticketId}`, { status: 'solved' });
    const closed = await t.call(t.ws.agent.token, 'PATCH', `/api/v1/tickets/${opened.ticketId}`, {
      status: 'closed',
    });
    assert.equal(closed.statusCode, 200, closed.body);
    const again = await inbound(api.id, {
      externalMessageId: 'shop-2',
      externalThreadId: 'order-77',
      from: { email: 'JIWOO@example.kr' },
      text: 'The refund has not arrived.',
    });
    assert.equal(again.statusCode, 201, again.body);
    const result: InboundResult = again.json();
    assert.equal(result.createdTicket, true);
    assert.equal(result.followUpOfId, opened.ticketId);
    const followUp = await getTicket(result.ticketId);
    assert.equal(followUp.followUpOfId, opened.ticketId);
    assert.equal(followUp.channel, 'api');
    assert.equal(followUp.requesterId, (await getTicket(opened.ticketId)).requesterId);
    // The thread now continues the follow-up.
    const third = await inbound(api.id, {
      externalMessageId: 'shop-3',
      externalThreadId: 'order-77',
      from: { email: 'jiwoo@example.kr' },
      text: 'Any news?',
    });
    assert.equal(third.json().ticketId, result.ticketId);
  });

  test('concurrent duplicates of one external message store one message', async () => {
    const body = {
      externalMessageId: 'dup-1',
      externalThreadId: 'dup-thread',
      from: { externalUserId: 'dup-user' },
      text: 'sent twice at once',
    };
    const answers = await Promise.all([1, 2, 3, 4].map(() => inbound(social.id, body)));
    assert.deepEqual(answers.map((a) => a.statusCode).sort(), [200, 200, 200, 201]);
    const ids = new Set(answers.map((a) => a.json().messageId));
    assert.equal(ids.size, 1);
    const ticketId = answers[0]?.json().ticketId;
    assert.equal((await messagesOf(ticketId)).length, 1);
  });

  test('bad input, unknown and disabled channels answer problems with pointers', async () => {
    assertProblem(
      await inbound(social.id, { externalMessageId: '', from: {}, text: 'x' }),
      422,
      'VALIDATION_FAILED',
      ['/externalMessageId', '/from'],
    );
    assertProblem(
      await inbound(social.id, {
        externalMessageId: 'bad-phone',
        from: { phone: 'call me maybe' },
        text: 'x',
      }),
      422,
      'VALIDATION_FAILED',
      ['/from/phone'],
    );
    assertProblem(
      await inbound(social.id, { externalMessageId: 'empty', from: { email: 'e@example.com' } }),
      422,
      'VALIDATION_FAILED',
      ['/text'],
    );
    assertProblem(
      await inbound('0197a1c4-0000-7000-8000-000000000000', {
        externalMessageId: 'u',
        from: { email: 'e@example.com' },
        text: 'x',
      }),
      404,
      'CHANNEL_NOT_FOUND',
    );
    const form = await createChannel({ kind: 'web_form', name: 'Form' });
    assertProblem(
      await inbound(form.id, { externalMessageId: 'u', from: { email: 'e@example.com' }, text: 'x' }),
      404,
      'CHANNEL_NOT_FOUND',
    );
    const disabled = await createChannel({ kind: 'social', name: 'Old page', enabled: false });
    assertProblem(
      await inbound(disabled.id, { externalMessageId: 'u', from: { email: 'e@example.com' }, text: 'x' }),
      409,
      'CHANNEL_DISABLED',
    );
    // A refused message claims nothing: once valid, the same id is accepted.
    const ok = await inbound(social.id, {
      externalMessageId: 'empty',
      from: { email: 'e@example.com' },
      text: 'now',
    });
    assert.equal(ok.statusCode, 201, ok.body);
    assertProblem(
      await t.call(t.ws.lightAgent.token, 'POST', `/api/v1/channels/${social.id}/inbound`, {
        externalMessageId: 'light',
        from: { email: 'e@example.com' },
        text: 'x',
      }),
      403,
      'AUTH_FORBIDDEN',
    );
  });
});
