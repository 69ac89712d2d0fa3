/**
 * The agent WebSocket (GET /api/v1/realtime) over a real listening server and real `ws`
 * clients, on both engines: ticket events reach the sockets of their workspace only,
 * internal notes never reach the visitor-facing topic, presence travels and expires, and
 * bad input (foreign topics, oversized frames, floods, bad credentials) is refused.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { connectRealtime, type RealtimeClient, type Received } from './support/realtime-client.ts';
import { signIn } from './support/session.ts';
import { createTestContext, type TestContext, type TestWorkspace } from './support/test-app.ts';
import { testEngine } from './support/test-database.ts';

let t: TestContext;
let globex: TestWorkspace;
let wsUrl = '';
const clients: RealtimeClient[] = [];

before(async () => {
  t = await createTestContext({ SWITCHBOARD_REALTIME_PRESENCE_TTL_SECONDS: '4' }, { realtime: true });
  globex = await t.addWorkspace('globex');
  const address = await t.app.listen({ host: '127.0.0.1', port: 0 });
  wsUrl = `${address.replace('http', 'ws')}/api/v1/realtime`;
});

after(async () => {
  for (const client of clients) client.socket.terminate();
  await t?.close();
});

async function connect(token: string): Promise<RealtimeClient> {
  const client = await connectRealtime(wsUrl, { authorization: `Bearer ${token}` });
  clients.push(client);
  await client.next((m) => m.type === 'hello', 'hello');
  return client;
}

async function subscribe(client: RealtimeClient, topics: string[]): Promise<void> {
  client.send({ type: 'subscribe', topics });
  const reply = await client.next((m) => m.type === 'subscribed' || m.type === 'error', 'subscribe reply');
  assert.equal(reply.type, 'subscribed', JSON.stringify(reply));
}

const newTicket = (subject: string) => ({
  subject,
  requester: { email: 'minjun.kim@example.kr', name: '김민준' },
  message: { bodyText: '주문한 상품이 아직 안 왔어요.' },
  channel: 'chat',
});

async function createTicket(token: string, subject: string): Promise<{ id: string; number: number }> {
  const response = await t.call(token, 'POST', '/api/v1/tickets', newTicket(subject));
  assert.equal(response.statusCode, 201, response.body);
  return response.json();
}

const isEvent = (type: string, ticketId: string) => (m: Received) =>
  m.type === type && m.ticketId === ticketId;

describe('ticket events on agent sockets', () => {
  test('created, updated and message added reach the workspace, and no other workspace', async () => {
    const mina = await connect(t.ws.agent.token);
    const outsider = await connect(globex.agent.token);
    await subscribe(mina, [`ws:${t.ws.id}`]);
    await subscribe(outsider, [`ws:${globex.id}`]);

    const ticket = await createTicket(t.ws.agent.token, '배송 문의');
    const created = await mina.next(isEvent('ticket.created', ticket.id), 'ticket.created');
    assert.equal(created.topic, `ws:${t.ws.id}`);
    assert.deepEqual(
      { number: (created.ticket as Received).number, subject: (created.ticket as Received).subject },
      { number: ticket.number, subject: '배송 문의' },
    );

    const patched = await t.call(t.ws.agent.token, 'PATCH', `/api/v1/tickets/${ticket.id}`, {
      priority: 'urgent',
      assigneeId: t.ws.agent.id,
    });
    assert.equal(patched.statusCode, 200, patched.body);
    const updated = await mina.next(isEvent('ticket.updated', ticket.id), 'ticket.updated');
    const changes = (updated.data as { changes: Record<string, unknown> }).changes;
    assert.ok('priority' in changes && 'assigneeId' in changes, JSON.stringify(changes));
    assert.equal((updated.ticket as Received).priority, 'urgent');
    assert.equal((updated.ticket as Received).assigneeId, t.ws.agent.id);

    const reply = await t.call(t.ws.agent.token, 'POST', `/api/v1/tickets/${ticket.id}/messages`, {
      bodyText: '확인해 보겠습니다.',
    });
    assert.equal(reply.statusCode, 201, reply.body);
    const added = await mina.next(
      (m) => m.type === 'message.added' && (m.message as Received).id === reply.json().id,
      'message.added',
    );
    assert.deepEqual(added.message, {
      ...(added.message as object),
      id: reply.json().id,
      visibility: 'public',
      authorType: 'agent',
      authorName: '김민아 Mina',
    });

    // A barrier: an event of globex reaches its socket after anything sent to it before.
    const theirs = await createTicket(globex.agent.token, 'Globex order');
    await outsider.next(isEvent('ticket.created', theirs.id), 'globex ticket.created');
    const leaked = outsider.messages.filter((m) => JSON.stringify(m).includes(ticket.id));
    assert.deepEqual(leaked, []);
    assert.ok(!mina.messages.some((m) => JSON.stringify(m).includes(theirs.id)));
  });

  test('topics of another workspace, unknown tickets and malformed messages are refused', async () => {
    const mina = await connect(t.ws.agent.token);
    const theirs = await createTicket(globex.agent.token, 'Not yours');

    mina.send({ type: 'subscribe', topics: [`ws:${t.ws.id}`, `ws:${globex.id}`] });
    assert.deepEqual(await mina.next((m) => m.type === 'error'), {
      type: 'error',
      code: 'AUTH_FORBIDDEN',
      pointer: '/topics/1',
      message: 'That workspace is not yours.',
    });
    for (const topic of [`ticket:${theirs.id}`, `conversation:${theirs.id}`]) {
      mina.send({ type: 'subscribe', topics: [topic] });
      const refused = await mina.next((m) => m.type === 'error');
      assert.equal(refused.code, 'TICKET_NOT_FOUND');
      assert.equal(refused.pointer, '/topics/0');
    }
    mina.send({ type: 'presence', ticketId: theirs.id, state: 'viewing' });
    assert.equal((await mina.next((m) => m.type === 'error')).code, 'TICKET_NOT_FOUND');

    mina.send({ type: 'subscribe', topics: ['everything'] });
    const invalid = await mina.next((m) => m.type === 'error');
    assert.equal(invalid.code, 'VALIDATION_FAILED');
    assert.equal(invalid.pointer, '/topics/0');
    mina.send({ type: 'presence', ticketId: theirs.id, state: 'dancing' });
    assert.equal((await mina.next((m) => m.type === 'error')).pointer, '/state');
    mina.send('{not json');
    assert.equal((await mina.next((m) => m.type === 'error')).code, 'REQUEST_MALFORMED');

    // None of the refused subscriptions took effect.
    await createTicket(globex.agent.token, 'Still not yours');
    mina.send({ type: 'ping' });
    await mina.next((m) => m.type === 'pong');
    assert.ok(!mina.messages.some((m) => m.topic !== undefined));
  });

  test('internal notes never reach conversation subscribers; agents see both', async () => {
    const ticket = await createTicket(t.ws.agent.token, '교환 요청');
    const visitorSide = await connect(t.ws.agent.token);
    const agentSide = await connect(t.ws.admin.token);
    await subscribe(visitorSide, [`conversation:${ticket.id}`]);
    await subscribe(agentSide, [`ticket:${ticket.id}`]);

    const note = await t.call(t.ws.agent.token, 'POST', `/api/v1/tickets/${ticket.id}/messages`, {
      bodyText: 'INTERNAL: customer is on the VIP list',
      visibility: 'internal',
    });
    assert.equal(note.statusCode, 201, note.body);
    const reply = await t.call(t.ws.agent.token, 'POST', `/api/v1/tickets/${ticket.id}/messages`, {
      bodyText: '교환 접수되었습니다.',
    });
    assert.equal(reply.statusCode, 201, reply.body);

    // (The ticket's first message may arrive too: its announcement can land after the subscription.)
    const publicMessage = await visitorSide.next(
      (m) => m.type === 'message.added' && (m.message as Received).id === reply.json().id,
      'public message',
    );
    assert.equal((publicMessage.message as Received).bodyText, '교환 접수되었습니다.');
    assert.equal(publicMessage.topic, `conversation:${ticket.id}`);
    const agentNote = await agentSide.next(
      (m) => m.type === 'message.added' && (m.message as Received).id === note.json().id,
      'internal note on the ticket topic',
    );
    assert.equal((agentNote.message as Received).visibility, 'internal');
    assert.ok(
      !visitorSide.messages.some(
        (m) => JSON.stringify(m).includes(note.json().id) || JSON.stringify(m).includes('VIP'),
      ),
      JSON.stringify(visitorSide.messages),
    );
  });
});

describe('presence', () => {
  test('viewing and replying reach another agent, are listed for newcomers, and leave or expire', async () => {
    const ticket = await createTicket(t.ws.agent.token, 'Presence');
    const mina = await connect(t.ws.agent.token);
    const adam = await connect(t.ws.admin.token);
    const minaHello = mina.messages.find((m) => m.type === 'hello') as Received;
    await subscribe(adam, [`ticket:${ticket.id}`]);
    assert.deepEqual(
      (await adam.next((m) => m.type === 'presence.list')).entries,
      [],
      'nobody is on the ticket yet',
    );

    mina.send({ type: 'presence', ticketId: ticket.id, state: 'viewing' });
    const viewing = await adam.next((m) => m.type === 'presence' && m.state === 'viewing', 'viewing');
    assert.equal(viewing.userName, '김민아 Mina');
    assert.equal(viewing.userId, t.ws.agent.id);
    assert.equal(viewing.connectionId, minaHello.connectionId);

    mina.send({ type: 'presence', ticketId: ticket.id, state: 'replying' });
    await adam.next((m) => m.type === 'presence' && m.state === 'replying', 'replying');
    mina.send({ type: 'typing', ticketId: ticket.id });
    assert.equal((await adam.next((m) => m.type === 'typing')).userId, t.ws.agent.id);

    const liam = await connect(t.ws.lightAgent.token);
    await subscribe(liam, [`ticket:${ticket.id}`]);
    const list = await liam.next((m) => m.type === 'presence.list', 'presence list');
    assert.deepEqual(
      (list.entries as Received[]).map((e) => [e.userId, e.state]),
      [[t.ws.agent.id, 'replying']],
    );

    // Liam views, then closes his socket: the others are told he left.
    liam.send({ type: 'presence', ticketId: ticket.id, state: 'viewing' });
    await adam.next((m) => m.type === 'presence' && m.userId === t.ws.lightAgent.id && m.state === 'viewing');
    await liam.close();
    await adam.next(
      (m) => m.type === 'presence' && m.userId === t.ws.lightAgent.id && m.state === 'left',
      'left',
    );

    // Mina sends no more heartbeats: her entry expires and is swept.
    const expired = await adam.next(
      (m) => m.type === 'presence' && m.userId === t.ws.agent.id && m.state === 'left',
      'expiry of the presence entry',
    );
    assert.equal(expired.connectionId, minaHello.connectionId);
    const rows = await t.deps.db
      .selectFrom('realtime_presence')
      .select('connection_id')
      .where('ticket_id', '=', ticket.id)
      .execute();
    assert.deepEqual(rows, []);
  });
});

describe('protection', () => {
  test('a frame larger than 16 kB closes the socket with 1009', async () => {
    const mina = await connect(t.ws.agent.token);
    mina.send({ type: 'subscribe', topics: [`ws:${t.ws.id}`], padding: 'x'.repeat(20 * 1024) });
    assert.equal((await mina.closed).code, 1009);
  });

  test('a flood of messages closes the socket with 1008', async () => {
    const mina = await connect(t.ws.agent.token);
    for (let i = 0; i < 300; i++) mina.send({ type: 'ping' });
    const closed = await mina.closed;
    assert.equal(closed.code, 1008);
    assert.equal(closed.reason, 'rate limit exceeded');
  });

  test('more subscriptions than allowed are refused', async () => {
    const mina = await connect(t.ws.agent.token);
    const tickets = await Promise.all(
      Array.from({ length: 6 }, (_, i) => createTicket(t.ws.agent.token, `Many ${i}`)),
    );
    let refused: Received | null = null;
    const topics = tickets.flatMap((x) => [`ticket:${x.id}`, `conversation:${x.id}`]);
    await subscribe(mina, topics);
    assert.equal(topics.length, 12);
    const filler = await Promise.all(
      Array.from({ length: 95 }, (_, i) => createTicket(t.ws.agent.token, `Filler ${i}`)),
    );
    const more = filler.flatMap((x) => [`ticket:${x.id}`, `conversation:${x.id}`]);
    for (let i = 0; i < more.length && !refused; i += 50) {
      mina.send({ type: 'subscribe', topics: more.slice(i, i + 50) });
      const reply = await mina.next((m) => m.type === 'subscribed' || m.type === 'error');
      if (reply.type === 'error') refused = reply;
    }
    assert.ok(refused, 'the 201st subscription is refused');
    assert.equal(refused.code, 'VALIDATION_FAILED');
    assert.equal(refused.pointer, '/topics');
  });

  test('bad credentials and foreign origins are refused before the upgrade', async () => {
    await assert.rejects(connectRealtime(wsUrl), { status: 401 });
    await assert.rejects(connectRealtime(wsUrl, { authorization: 'Bearer not-a-token' }), { status: 401 });
    const session = await signIn(t.app, t.ws.agent.email);
    const origin = new URL(wsUrl.replace('ws', 'http')).origin;
    await assert.rejects(connectRealtime(wsUrl, { cookie: session.cookie }), { status: 403 });
    await assert.rejects(connectRealtime(wsUrl, { cookie: session.cookie, origin: 'https://evil.example' }), {
      status: 403,
    });
    const viaCookie = await connectRealtime(wsUrl, { cookie: session.cookie, origin });
    clients.push(viaCookie);
    const hello = await viaCookie.next((m) => m.type === 'hello');
    assert.equal(hello.userId, t.ws.agent.id);
  });
});

describe('the bus', () => {
  test('publish reaches subscribers and refuses payloads over 7 kB', async () => {
    const bus = t.deps.realtime;
    assert.ok(bus);
    const received = new Promise((resolve) => {
      const stop = bus.subscribe('ticket:00000000-0000-4000-8000-000000000001', (payload) => {
        stop();
        resolve(payload);
      });
    });
    await bus.publish('ticket:00000000-0000-4000-8000-000000000001', { type: 'ping', n: 1 });
    assert.deepEqual(await received, { type: 'ping', n: 1 });
    await assert.rejects(bus.publish('ws:x', { blob: 'x'.repeat(8 * 1024) }), /exceeds/);
  });

  test('after the LISTEN session is killed, sockets are told to resync and events flow again', {
    skip: testEngine !== 'postgres' && 'the LISTEN session exists on PostgreSQL only',
  }, async () => {
    const mina = await connect(t.ws.agent.token);
    await subscribe(mina, [`ws:${t.ws.id}`]);
    const killed = await sql<{ n: number }>`
        select count(pg_terminate_backend(pid))::int as n from pg_stat_activity
        where application_name = ${`switchboard-realtime-${t.database.schema}`}`.execute(t.deps.db);
    assert.equal(killed.rows[0]?.n, 1);
    await mina.next((m) => m.type === 'resync', 'resync');
    const ticket = await createTicket(t.ws.agent.token, 'After the reconnect');
    await mina.next(isEvent('ticket.created', ticket.id), 'ticket.created after reconnect');
  });
});
