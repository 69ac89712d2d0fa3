import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { CallDto, ChannelDto, TicketDto } from '@switchboard/core';
import type { LightMyRequestResponse } from 'fastify';
import { createTestContext, type TestContext } from './support/test-app.ts';

let t: TestContext;
let line: ChannelDto;
before(async () => {
  t = await createTestContext();
  const res = await t.call(t.ws.admin.token, 'POST', '/api/v1/channels', {
    kind: 'phone',
    name: '대표번호 1588-0000',
    settings: { defaultCountry: 'KR' },
  });
  assert.equal(res.statusCode, 201, res.body);
  line = res.json();
});
after(async () => {
  await t?.close();
});

const logCall = (body: object, token = t.ws.agent.token) => t.call(token, 'POST', '/api/v1/calls', body);
const getTicket = async (id: string): Promise<TicketDto> =>
  (await t.call(t.ws.agent.token, 'GET', `/api/v1/tickets/${id}`)).json();
const messagesOf = async (id: string) =>
  (await t.call(t.ws.agent.token, 'GET', `/api/v1/tickets/${id}/messages`)).json().data as {
    id: string;
    channel: string;
    bodyText: string;
    authorType: string;
    authorId: string | null;
    metadata: Record<string, unknown>;
    attachments: { id: string }[];
  }[];

function assertProblem(res: LightMyRequestResponse, status: number, code: string, pointers?: string[]) {
  assert.equal(res.statusCode, status, res.body);
  assert.match(String(res.headers['content-type']), /^application\/problem\+json/);
  assert.equal(res.json().code, code);
  if (pointers) {
    assert.deepEqual([...new Set(res.json().errors.map((e: { pointer: string }) => e.pointer))], pointers);
  }
}

const baseCall = {
  direction: 'inbound',
  to: '1588-0000',
  durationSeconds: 185,
  startedAt: '2026-11-23T01:00:00Z',
  endedAt: '2026-11-23T01:03:05Z',
};

describe('phone call logs', () => {
  test('an unknown caller becomes a contact with an E.164 number and a new phone ticket', async () => {
    const res = await logCall({
      ...baseCall,
      from: '010-1234-5678',
      contactName: '최지훈',
      transcript: '고객: 배송지 변경하고 싶어요. 상담원: 네, 새 주소를 알려 주세요.',
      notes: 'Changed the delivery address.',
      recordingUrl: 'https://recordings.example.com/calls/abc.mp3',
    });
    assert.equal(res.statusCode, 201, res.body);
    const call: CallDto = res.json();
    assert.equal(call.fromNumber, '+821012345678');
    assert.equal(call.toNumber, '+8215880000');
    assert.equal(call.agentId, t.ws.agent.id);
    assert.equal(call.recordingUrl, 'https://recordings.example.com/calls/abc.mp3');
    const ticket = await getTicket(call.ticketId);
    assert.equal(ticket.channel, 'phone');
    assert.deepEqual(ticket.source, { channelId: line.id, name: '대표번호 1588-0000' });
    assert.equal(ticket.subject, 'Call from +821012345678');
    const [message] = await messagesOf(ticket.id);
    assert.equal(message?.id, call.messageId);
    assert.equal(message?.channel, 'phone');
    assert.equal(message?.authorType, 'contact');
    assert.equal(message?.metadata.kind, 'call');
    assert.equal(message?.metadata.direction, 'inbound');
    assert.equal(message?.metadata.durationSeconds, 185);
    assert.equal(message?.metadata.from, '+821012345678');
    assert.equal(message?.metadata.agentId, t.ws.agent.id);
    assert.match(String(message?.metadata.transcript), /배송지 변경/);
    assert.match(message?.bodyText ?? '', /Inbound call \+821012345678 → \+8215880000, 3:05/);
    const contact = (await t.call(t.ws.agent.token, 'GET', `/api/v1/contacts/${ticket.requesterId}`)).json();
    assert.equal(contact.name, '최지훈');
    assert.deepEqual(contact.phones, ['+821012345678']);
  });

  test('the same number written another way finds the same contact, and attaches to the open ticket', async () => {
    const first: CallDto = (await logCall({ ...baseCall, from: '+82 10 5555 0001' })).json();
    const second = await logCall({
      ...baseCall,
      from: '010-5555-0001',
      attachToOpenTicket: true,
      transcript: '두 번째 통화',
    });
    assert.equal(second.statusCode, 201, second.body);
    assert.equal(second.json().ticketId, first.ticketId);
    const messages = await messagesOf(first.ticketId);
    assert.deepEqual(
      messages.map((m) => m.channel),
      ['phone', 'phone'],
    );
    const listed = await t.call(t.ws.lightAgent.token, 'GET', `/api/v1/calls?ticketId=${first.ticketId}`);
    assert.equal(listed.statusCode, 200);
    assert.deepEqual(
      listed.json().data.map((c: CallDto) => c.id),
      [first.id, second.json().id],
    );
    // Without attachToOpenTicket a call opens a ticket of its own, for the same contact.
    const third: CallDto = (await logCall({ ...baseCall, from: '01055550001' })).json();
    assert.notEqual(third.ticketId, first.ticketId);
    assert.equal(
      (await getTicket(third.ticketId)).requesterId,
      (await getTicket(first.ticketId)).requesterId,
    );
  });

  test('a contact stored with national digits is matched from an international number', async () => {
    const created = await t.call(t.ws.agent.token, 'POST', '/api/v1/contacts', {
      name: '한예린',
      phones: ['010-7777-8888'],
    });
    assert.equal(created.statusCode, 201, created.body);
    const call: CallDto = (await logCall({ ...baseCall, from: '+82 10-7777-8888' })).json();
    assert.equal((await getTicket(call.ticketId)).requesterId, created.json().id);
  });

  test('an outbound call on an explicit ticket is the agent’s reply; the transcript is searchable', async () => {
    const ticket = await t.call(t.ws.agent.token, 'POST', '/api/v1/tickets', {
      subject: 'Broken blender',
      requester: { email: 'sora@example.kr', phone: '+82 10 3333 4444' },
      message: { bodyText: 'My blender stopped working.' },
    });
    const ticketId = ticket.json().id;
    const res = await logCall({
      direction: 'outbound',
      from: '1588-0000',
      to: '010-3333-4444',
      durationSeconds: 42,
      startedAt: '2026-11-23T02:00:00Z',
      ticketId,
      transcript: 'Customer confirmed the warranty replacement for the zebrafruit blender.',
    });
    assert.equal(res.statusCode, 201, res.body);
    const messages = await messagesOf(ticketId);
    assert.equal(messages.length, 2);
    assert.equal(messages[1]?.authorType, 'agent');
    assert.equal(messages[1]?.authorId, t.ws.agent.id);
    assert.equal(messages[1]?.channel, 'phone');
    assert.equal((await getTicket(ticketId)).status, 'open');
    const found = await t.call(t.ws.agent.token, 'GET', '/api/v1/tickets?q=zebrafruit');
    assert.deepEqual(
      found.json().data.map((x: TicketDto) => x.id),
      [ticketId],
    );
  });

  test('a recording upload is attached to the call message', async () => {
    const upload = await t.app.inject({
      method: 'POST',
      url: '/api/v1/attachments?filename=call.mp3',
      headers: { authorization: `Bearer ${t.ws.agent.token}`, 'content-type': 'audio/mpeg' },
      payload: Buffer.from('ID3 fake mp3 bytes'),
    });
    assert.equal(upload.statusCode, 201, upload.body);
    const res = await logCall({
      ...baseCall,
      from: '010-9999-0000',
      recordingAttachmentId: upload.json().id,
    });
    assert.equal(res.statusCode, 201, res.body);
    const [message] = await messagesOf(res.json().ticketId);
    assert.deepEqual(
      message?.attachments.map((a) => a.id),
      [upload.json().id],
    );
    assert.equal(res.json().recordingAttachmentId, upload.json().id);
    // The same upload cannot be claimed by a second call.
    assertProblem(
      await logCall({ ...baseCall, from: '010-9999-0000', recordingAttachmentId: upload.json().id }),
      422,
      'VALIDATION_FAILED',
      ['/message/attachmentIds'],
    );
  });

  test('logging the same external call id again returns the first log with 200', async () => {
    const body = { ...baseCall, from: '010-4444-1212', externalId: 'twilio-CA123' };
    const answers = await Promise.all([logCall(body), logCall(body), logCall(body)]);
    assert.deepEqual(answers.map((a) => a.statusCode).sort(), [200, 200, 201]);
    assert.equal(new Set(answers.map((a) => a.json().id)).size, 1);
    assert.equal((await messagesOf(answers[0]?.json().ticketId)).length, 1);
  });

  test('invalid numbers, URLs, agents and tickets answer problems with pointers', async () => {
    assertProblem(
      await logCall({ ...baseCall, from: 'not a number', to: '+82 12' }),
      422,
      'VALIDATION_FAILED',
      ['/from', '/to'],
    );
    assertProblem(
      await logCall({
        ...baseCall,
        from: '010-1234-5678',
        recordingUrl: 'http://insecure.example.com/a.mp3',
      }),
      422,
      'VALIDATION_FAILED',
      ['/recordingUrl'],
    );
    assertProblem(
      await logCall({ ...baseCall, from: '010-1234-5678', recordingUrl: 'javascript:alert(1)' }),
      422,
      'VALIDATION_FAILED',
      ['/recordingUrl'],
    );
    assertProblem(
      await logCall({ ...baseCall, from: '010-1234-5678', durationSeconds: -1, direction: 'sideways' }),
      422,
      'VALIDATION_FAILED',
      ['/direction', '/durationSeconds'],
    );
    assertProblem(
      await logCall({ ...baseCall, from: '010-1234-5678', agentId: '0197a1c4-0000-7000-8000-000000000000' }),
      422,
      'VALIDATION_FAILED',
      ['/agentId'],
    );
    assertProblem(
      await logCall({ ...baseCall, from: '010-1234-5678', ticketId: '0197a1c4-0000-7000-8000-000000000000' }),
      404,
      'TICKET_NOT_FOUND',
    );
    assertProblem(
      await logCall({
        ...baseCall,
        from: '010-1234-5678',
        channelId: '0197a1c4-0000-7000-8000-000000000000',
      }),
      404,
      'CHANNEL_NOT_FOUND',
    );
    const off = await t.call(t.ws.admin.token, 'POST', '/api/v1/channels', {
      kind: 'phone',
      name: 'Old line',
      enabled: false,
    });
    assertProblem(
      await logCall({ ...baseCall, from: '010-1234-5678', channelId: off.json().id }),
      409,
      'CHANNEL_DISABLED',
    );
    assertProblem(
      await logCall({ ...baseCall, from: '010-1234-5678' }, t.ws.lightAgent.token),
      403,
      'AUTH_FORBIDDEN',
    );
    assertProblem(
      await t.call(t.ws.agent.token, 'GET', '/api/v1/calls?ticketId=0197a1c4-0000-7000-8000-000000000000'),
      404,
      'TICKET_NOT_FOUND',
    );
  });
});
