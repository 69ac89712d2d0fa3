import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createTestContext, type TestContext } from './support/test-app.ts';

let t: TestContext;
before(async () => {
  t = await createTestContext();
});
after(async () => {
  await t?.close();
});

const newTicket = (overrides: Record<string, unknown> = {}) => ({
  subject: '환불 요청합니다',
  requester: { email: 'minjun.kim@example.kr', name: '김민준' },
  message: { bodyText: '지난주에 주문한 상품을 환불하고 싶어요. 주문번호 10234' },
  channel: 'email',
  ...overrides,
});

describe('ticket lifecycle', () => {
  test('create, read, reply, solve, reopen by customer, close', async () => {
    const token = t.ws.agent.token;
    const created = await t.call(token, 'POST', '/api/v1/tickets', newTicket());
    assert.equal(created.statusCode, 201, created.body);
    const ticket = created.json();
    assert.equal(ticket.status, 'new');
    assert.equal(ticket.number, 1);
    assert.equal(created.headers.etag, '"1"');
    assert.equal(created.headers.location, `/api/v1/tickets/${ticket.id}`);

    const reply = await t.call(token, 'POST', `/api/v1/tickets/${ticket.id}/messages`, {
      bodyText: '확인 후 환불 처리해 드리겠습니다.',
    });
    assert.equal(reply.statusCode, 201, reply.body);
    const afterReply = (await t.call(token, 'GET', `/api/v1/tickets/${ticket.id}`)).json();
    assert.equal(afterReply.status, 'open');
    assert.ok(afterReply.firstResponseAt);
    assert.ok(afterReply.lastAgentMessageAt);

    const solved = await t.call(token, 'PATCH', `/api/v1/tickets/${ticket.id}`, { status: 'solved' });
    assert.equal(solved.statusCode, 200, solved.body);
    assert.ok(solved.json().solvedAt);

    const customer = await t.call(token, 'POST', `/api/v1/tickets/${ticket.id}/messages`, {
      author: 'requester',
      bodyText: '아직 환불이 안 됐어요',
    });
    assert.equal(customer.statusCode, 201, customer.body);
    const reopened = (await t.call(token, 'GET', `/api/v1/tickets/${ticket.id}`)).json();
    assert.equal(reopened.status, 'open');
    assert.equal(reopened.solvedAt, null);

    await t.call(token, 'PATCH', `/api/v1/tickets/${ticket.id}`, { status: 'solved' });
    const closed = await t.call(token, 'PATCH', `/api/v1/tickets/${ticket.id}`, { status: 'closed' });
    assert.equal(closed.statusCode, 200, closed.body);
    const again = await t.call(token, 'PATCH', `/api/v1/tickets/${ticket.id}`, { priority: 'high' });
    assert.equal(again.statusCode, 422);
    assert.equal(again.json().code, 'TICKET_CLOSED');

    const timeline = (await t.call(token, 'GET', `/api/v1/tickets/${ticket.id}/timeline`)).json();
    assert.deepEqual(
      timeline.data.map((e: { type: string }) => e.type),
      [
        'ticket.created',
        'message.added',
        'message.added',
        'ticket.updated',
        'ticket.updated',
        'message.added',
        'ticket.updated',
        'ticket.updated',
        'ticket.updated',
      ],
    );
    assert.ok(
      timeline.data.every(
        (e: { actorType: string; via: string }) => e.actorType === 'api_token' && e.via === 'api',
      ),
    );
  });

  test('invalid status transition is refused and changes nothing', async () => {
    const ticket = (await t.call(t.ws.agent.token, 'POST', '/api/v1/tickets', newTicket())).json();
    const res = await t.call(t.ws.agent.token, 'PATCH', `/api/v1/tickets/${ticket.id}`, {
      status: 'closed',
      priority: 'urgent',
    });
    assert.equal(res.statusCode, 422);
    assert.equal(res.headers['content-type'], 'application/problem+json; charset=utf-8');
    assert.equal(res.json().code, 'TICKET_STATUS_TRANSITION_INVALID');
    const unchanged = (await t.call(t.ws.agent.token, 'GET', `/api/v1/tickets/${ticket.id}`)).json();
    assert.equal(unchanged.priority, 'normal');
    assert.equal(unchanged.version, 1);
  });
});

describe('search', () => {
  test('Korean with and without spaces, and English prefixes', async () => {
    const token = t.ws.agent.token;
    const a = (
      await t.call(token, 'POST', '/api/v1/tickets', newTicket({ subject: '환불요청 드립니다' }))
    ).json();
    const b = (
      await t.call(
        token,
        'POST',
        '/api/v1/tickets',
        newTicket({ subject: 'Refunds for order 5531', message: { bodyText: 'Please refund me' } }),
      )
    ).json();
    const search = async (q: string) =>
      (await t.call(token, 'GET', `/api/v1/tickets?q=${encodeURIComponent(q)}&limit=100`))
        .json()
        .data.map((x: { id: string }) => x.id);
    assert.ok((await search('환불 요청')).includes(a.id));
    const spaced = await search('환불요청');
    assert.ok(spaced.includes(a.id));
    assert.ok(spaced.length >= 2, 'finds the spaced "환불 요청합니다" tickets too');
    assert.ok((await search('refund')).includes(b.id));
    assert.ok(!(await search('refund')).includes(a.id));
    assert.deepEqual(await search('존재하지않는단어'), []);
  });
});

describe('requester find-or-create', () => {
  test('simultaneous first tickets from one new customer share one contact', async () => {
    const body = newTicket({ requester: { email: 'racer@example.com', name: 'Racer' } });
    const answers = await Promise.all(
      Array.from({ length: 6 }, () => t.call(t.ws.agent.token, 'POST', '/api/v1/tickets', body)),
    );
    assert.deepEqual(
      answers.map((a) => a.statusCode),
      [201, 201, 201, 201, 201, 201],
      answers.map((a) => a.body).join('\n'),
    );
    const requesters = new Set(answers.map((a) => a.json().requesterId));
    assert.equal(requesters.size, 1);
    const contacts = await t.database.db
      .selectFrom('contact_identities')
      .select('contact_id')
      .where('workspace_id', '=', t.ws.id)
      .where('value', '=', 'racer@example.com')
      .execute();
    assert.equal(contacts.length, 1);
  });
});
