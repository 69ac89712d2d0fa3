/**
 * One timeline (issue 4, item 13): a ticket that starts on the web form continues by phone,
 * on a social network and through the API without becoming a second ticket; the contact's
 * profile lists their tickets from every channel with the source's name.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { CallDto, ChannelDto, InboundResult, TicketDto } from '@switchboard/core';
import { issueFormToken } from '../src/modules/web-form/form-token.ts';
import { createTestContext, type TestContext } from './support/test-app.ts';

let t: TestContext;
const channels: Record<'form' | 'phone' | 'social' | 'api', ChannelDto> = {} as never;
before(async () => {
  t = await createTestContext();
  const make = async (kind: string, name: string) => {
    const res = await t.call(t.ws.admin.token, 'POST', '/api/v1/channels', { kind, name });
    assert.equal(res.statusCode, 201, res.body);
    return res.json() as ChannelDto;
  };
  channels.form = await make('web_form', 'Website form');
  channels.phone = await make('phone', 'Hotline 1588-1234');
  channels.social = await make('social', 'KakaoTalk channel');
  channels.api = await make('api', 'Shop app');
});
after(async () => {
  await t?.close();
});

type Message = { id: string; channel: string; authorType: string; bodyText: string; createdAt: string };
const messagesOf = async (id: string): Promise<Message[]> =>
  (await t.call(t.ws.agent.token, 'GET', `/api/v1/tickets/${id}/messages`)).json().data;

async function submitWebForm(): Promise<number> {
  const { secret } = await t.deps.db
    .selectFrom('channels')
    .select('secret')
    .where('id', '=', channels.form.id)
    .executeTakeFirstOrThrow();
  const res = await t.app.inject({
    method: 'POST',
    url: '/support/acme/contact?lang=en',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams({
      token: issueFormToken(secret, channels.form.id, Date.now() - 10_000),
      website: '',
      name: 'Dana Kim',
      email: 'dana@example.com',
      subject: 'Damaged parcel',
      message: 'My parcel arrived damaged.',
    }).toString(),
  });
  assert.equal(res.statusCode, 200, res.body);
  return Number(/request number is #(\d+)/.exec(res.body)?.[1]);
}

test('one ticket holds messages from the web form, a call, a social thread and the API, in order', async () => {
  const number = await submitWebForm();
  const ticket: TicketDto = (
    await t.call(t.ws.agent.token, 'GET', `/api/v1/tickets/by-number/${number}`)
  ).json();
  const ticketsBefore = await countTickets();

  const call = await t.call(t.ws.agent.token, 'POST', '/api/v1/calls', {
    direction: 'inbound',
    from: '010-8888-1111',
    to: '1588-1234',
    durationSeconds: 95,
    startedAt: new Date().toISOString(),
    ticketId: ticket.id,
    transcript: 'Customer sent photos of the box.',
  });
  assert.equal(call.statusCode, 201, call.body);
  const dm = await t.call(t.ws.agent.token, 'POST', `/api/v1/channels/${channels.social.id}/inbound`, {
    externalMessageId: 'kakao-1',
    externalThreadId: 'kakao-room-9',
    ticketId: ticket.id,
    from: { externalUserId: 'kakao-user-42', name: 'Dana' },
    text: 'Here are the photos again.',
  });
  assert.equal(dm.statusCode, 201, dm.body);
  assert.equal((dm.json() as InboundResult).ticketId, ticket.id);
  // The social thread now maps to the ticket: the next message needs no ticket id.
  const dm2 = await t.call(t.ws.agent.token, 'POST', `/api/v1/channels/${channels.social.id}/inbound`, {
    externalMessageId: 'kakao-2',
    externalThreadId: 'kakao-room-9',
    from: { externalUserId: 'kakao-user-42' },
    text: 'Did you get them?',
  });
  assert.equal(dm2.json().ticketId, ticket.id);
  const reply = await t.call(t.ws.agent.token, 'POST', `/api/v1/tickets/${ticket.id}/messages`, {
    bodyText: 'Yes, a replacement is on its way.',
    channel: 'social',
  });
  assert.equal(reply.statusCode, 201, reply.body);
  const fromApp = await t.call(t.ws.agent.token, 'POST', `/api/v1/tickets/${ticket.id}/messages`, {
    bodyText: 'Thanks!',
    author: 'requester',
    channel: 'api',
  });
  assert.equal(fromApp.statusCode, 201, fromApp.body);

  assert.equal(await countTickets(), ticketsBefore, 'no second ticket was opened');
  const messages = await messagesOf(ticket.id);
  assert.deepEqual(
    messages.map((m) => [m.channel, m.authorType]),
    [
      ['web', 'contact'],
      ['phone', 'contact'],
      ['social', 'contact'],
      ['social', 'contact'],
      ['social', 'agent'],
      ['api', 'contact'],
    ],
  );
  const times = messages.map((m) => Date.parse(m.createdAt));
  assert.deepEqual(
    times,
    [...times].sort((a, b) => a - b),
  );
  const events: { type: string; data: Record<string, unknown> }[] = (
    await t.call(t.ws.agent.token, 'GET', `/api/v1/tickets/${ticket.id}/timeline`)
  ).json().data;
  const messageEvents = events.filter((e) => e.type === 'message.added').map((e) => e.data.messageId);
  assert.equal(events[0]?.type, 'ticket.created');
  assert.deepEqual(
    messageEvents,
    messages.map((m) => m.id),
  );
  const fresh: TicketDto = (await t.call(t.ws.agent.token, 'GET', `/api/v1/tickets/${ticket.id}`)).json();
  assert.equal(fresh.channel, 'web');
  assert.deepEqual(fresh.source, { channelId: channels.form.id, name: 'Website form' });

  // The contact learnt the phone and the social id: new conversations find the same person.
  const later: CallDto = (
    await t.call(t.ws.agent.token, 'POST', '/api/v1/calls', {
      direction: 'inbound',
      from: '+82 10 8888 1111',
      to: '1588-1234',
      durationSeconds: 30,
      startedAt: new Date().toISOString(),
    })
  ).json();
  const social: InboundResult = (
    await t.call(t.ws.agent.token, 'POST', `/api/v1/channels/${channels.social.id}/inbound`, {
      externalMessageId: 'kakao-3',
      externalThreadId: 'kakao-room-10',
      from: { externalUserId: 'kakao-user-42' },
      text: 'A different question about my invoice.',
    })
  ).json();
  const viaApi: InboundResult = (
    await t.call(t.ws.agent.token, 'POST', `/api/v1/channels/${channels.api.id}/inbound`, {
      externalMessageId: 'app-1',
      from: { email: 'DANA@example.com' },
      text: 'Change my address please.',
    })
  ).json();
  const contact = (await t.call(t.ws.agent.token, 'GET', `/api/v1/contacts/${ticket.requesterId}`)).json();
  assert.deepEqual(contact.emails, ['dana@example.com']);
  assert.deepEqual(contact.phones, ['+821088881111']);
  assert.deepEqual(contact.externalIds, [`${channels.social.id}:kakao-user-42`]);

  const listed: TicketDto[] = (
    await t.call(t.ws.lightAgent.token, 'GET', `/api/v1/contacts/${ticket.requesterId}/tickets`)
  ).json().data;
  const byId = new Map(listed.map((x) => [x.id, x]));
  assert.equal(listed.length, 4);
  for (const [id, channel, source] of [
    [ticket.id, 'web', 'Website form'],
    [later.ticketId, 'phone', 'Hotline 1588-1234'],
    [social.ticketId, 'social', 'KakaoTalk channel'],
    [viaApi.ticketId, 'api', 'Shop app'],
  ] as const) {
    assert.equal(byId.get(id)?.channel, channel);
    assert.equal(byId.get(id)?.source?.name, source);
    assert.equal(byId.get(id)?.requesterId, ticket.requesterId);
  }
});

async function countTickets(): Promise<number> {
  const row = await t.deps.db
    .selectFrom('tickets')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('workspace_id', '=', t.ws.id)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
