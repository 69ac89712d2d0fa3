import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { TicketDto } from '@switchboard/core';
import type { LightMyRequestResponse } from 'fastify';
import { sql } from 'kysely';
import { createTestContext, type TestContext } from './support/test-app.ts';

let t: TestContext;
let token: string;
before(async () => {
  t = await createTestContext();
  token = t.ws.agent.token;
});
after(async () => {
  await t?.close();
});

type Ticket = TicketDto;
type Message = { bodyText: string; originalTicketId: string; authorType: string; visibility: string };

async function createTicket(subject: string, bodyText: string, extra: Record<string, unknown> = {}) {
  const res = await t.call(token, 'POST', '/api/v1/tickets', {
    subject,
    requester: { email: 'yuna.park@example.kr', name: '박유나' },
    message: { bodyText },
    ...extra,
  });
  assert.equal(res.statusCode, 201, res.body);
  return res.json() as Ticket;
}

const get = async (id: string) => (await t.call(token, 'GET', `/api/v1/tickets/${id}`)).json();
const messagesOf = async (id: string): Promise<Message[]> =>
  (await t.call(token, 'GET', `/api/v1/tickets/${id}/messages`)).json().data;
const timelineOf = async (id: string): Promise<{ type: string; data: Record<string, unknown> }[]> =>
  (await t.call(token, 'GET', `/api/v1/tickets/${id}/timeline`)).json().data;
const patch = (id: string, body: object) => t.call(token, 'PATCH', `/api/v1/tickets/${id}`, body);

function assertInvalid(res: LightMyRequestResponse, code: string, pointers?: string[]) {
  assert.equal(res.statusCode, 422, res.body);
  assert.match(String(res.headers['content-type']), /^application\/problem\+json/);
  assert.equal(res.json().code, code);
  if (pointers)
    assert.deepEqual(
      res.json().errors.map((e: { pointer: string }) => e.pointer),
      pointers,
    );
}

/** A digest of every row a ticket write can touch: equal digests mean nothing changed. */
async function databaseState(): Promise<string> {
  const tables = ['tickets', 'messages', 'events', 'ticket_followers'];
  const digests = await Promise.all(
    tables.map(async (table) => {
      const { rows } = await sql<{ d: string }>`
        select count(*) || ':' || coalesce(md5(string_agg(x::text, '|' order by x::text)), '') as d
          from ${sql.table(table)} x`.execute(t.database.db);
      return `${table}=${rows[0]?.d}`;
    }),
  );
  return digests.join(' ');
}

describe('merge', () => {
  test('moves messages in order, closes the source and links both', async () => {
    const source = await createTicket(
      '배송 지연 문의',
      '주문한 가습기가 아직 도착하지 않았어요 zebracrossing',
    );
    const target = await createTicket('배송 문의', '가습기 배송 언제 되나요?');
    const follow = await t.call(token, 'POST', `/api/v1/tickets/${source.id}/messages`, {
      author: 'requester',
      bodyText: '송장번호 알려주세요',
    });
    assert.equal(follow.statusCode, 201, follow.body);

    const res = await t.call(token, 'POST', `/api/v1/tickets/${source.id}/merge`, {
      targetTicketId: target.id,
    });
    assert.equal(res.statusCode, 200, res.body);
    const { source: merged, target: kept } = res.json();
    assert.equal(merged.status, 'closed');
    assert.equal(merged.mergedIntoId, target.id);
    assert.ok(merged.closedAt);
    assert.notEqual(kept.status, 'closed');

    const onTarget = await messagesOf(target.id);
    assert.deepEqual(
      onTarget.map((m) => [m.bodyText, m.originalTicketId]),
      [
        ['주문한 가습기가 아직 도착하지 않았어요 zebracrossing', source.id],
        ['가습기 배송 언제 되나요?', target.id],
        ['송장번호 알려주세요', source.id],
        [`Ticket #${source.number} ("배송 지연 문의") was merged into this ticket.`, target.id],
      ],
    );
    const note = onTarget.at(-1);
    assert.equal(note?.authorType, 'system');
    assert.equal(note?.visibility, 'internal');
    const onSource = await messagesOf(source.id);
    assert.deepEqual(
      onSource.map((m) => [m.bodyText, m.authorType]),
      [[`This ticket was merged into ticket #${target.number}.`, 'system']],
    );

    const sourceEvent = (await timelineOf(source.id)).find((e) => e.type === 'ticket.merged');
    assert.deepEqual(sourceEvent?.data, {
      targetId: target.id,
      targetNumber: target.number,
      movedMessages: 2,
      fromStatus: 'new',
    });
    const targetEvent = (await timelineOf(target.id)).find((e) => e.type === 'ticket.merge_received');
    assert.equal(targetEvent?.data.sourceId, source.id);

    const found = (await t.call(token, 'GET', '/api/v1/tickets?q=zebracrossing')).json().data;
    assert.ok(
      found.some((x: Ticket) => x.id === target.id),
      "the target is found by the source's words",
    );
  });

  test('into itself or a closed ticket is refused and changes nothing', async () => {
    const a = await createTicket('Printer on fire', 'Smoke is coming out.');
    const b = await createTicket('Printer on fire again', 'Still smoking.');
    const c = await createTicket('Printer', 'Which printer model?');
    assert.equal(
      (await t.call(token, 'POST', `/api/v1/tickets/${b.id}/merge`, { targetTicketId: c.id })).statusCode,
      200,
    );

    const before = await databaseState();
    const self = await t.call(token, 'POST', `/api/v1/tickets/${a.id}/merge`, { targetTicketId: a.id });
    assertInvalid(self, 'TICKET_MERGE_INVALID');
    const intoClosed = await t.call(token, 'POST', `/api/v1/tickets/${a.id}/merge`, { targetTicketId: b.id });
    assertInvalid(intoClosed, 'TICKET_MERGE_INVALID');
    const fromClosed = await t.call(token, 'POST', `/api/v1/tickets/${b.id}/merge`, { targetTicketId: a.id });
    assertInvalid(fromClosed, 'TICKET_MERGE_INVALID');
    assert.equal(await databaseState(), before);
  });
});

describe('parent and child tickets', () => {
  test('link, list children, refuse cycles, unlink', async () => {
    const parent = await createTicket('Office move: set up network', 'Floor 3 needs 40 ports.');
    const child = await createTicket('Order switches', 'Two 24-port switches.', { parentId: parent.id });
    assert.equal(child.parentId, parent.id);
    const grandchild = await createTicket('Rack mount kit', 'For the switches.', { parentId: child.id });

    const children = (await t.call(token, 'GET', `/api/v1/tickets/${parent.id}/children`)).json().data;
    assert.deepEqual(
      children.map((x: Ticket) => x.id),
      [child.id],
    );
    const linked = (await timelineOf(parent.id)).filter((e) => e.type === 'ticket.child_linked');
    assert.deepEqual(
      linked.map((e) => e.data),
      [{ childId: child.id }],
    );

    const before = await databaseState();
    assertInvalid(await patch(parent.id, { parentId: grandchild.id }), 'VALIDATION_FAILED', ['/parentId']);
    assertInvalid(await patch(parent.id, { parentId: child.id }), 'VALIDATION_FAILED', ['/parentId']);
    assertInvalid(await patch(child.id, { parentId: child.id }), 'VALIDATION_FAILED', ['/parentId']);
    assert.equal(await databaseState(), before);

    const unlinked = await patch(child.id, { parentId: null });
    assert.equal(unlinked.statusCode, 200, unlinked.body);
    assert.equal(unlinked.json().parentId, null);
    assert.deepEqual((await t.call(token, 'GET', `/api/v1/tickets/${parent.id}/children`)).json().data, []);
    const events = (await timelineOf(parent.id)).map((e) => e.type);
    assert.ok(events.includes('ticket.child_unlinked'));
  });
});

describe('followers and tags', () => {
  test('followerIds replace the set; unknown users are named', async () => {
    const ticket = await createTicket('VPN drops every hour', 'Since Monday.', {
      followerIds: [t.ws.admin.id],
    });
    assert.deepEqual(ticket.followerIds, [t.ws.admin.id]);
    const both = await patch(ticket.id, { followerIds: [t.ws.owner.id, t.ws.agent.id, t.ws.owner.id] });
    assert.equal(both.statusCode, 200, both.body);
    assert.deepEqual(both.json().followerIds, [t.ws.owner.id, t.ws.agent.id].sort());
    assert.deepEqual((await get(ticket.id)).followerIds, [t.ws.owner.id, t.ws.agent.id].sort());

    const before = await databaseState();
    const unknown = await patch(ticket.id, {
      followerIds: ['0190a000-0000-7000-8000-000000000000', t.ws.agent.id],
    });
    assertInvalid(unknown, 'VALIDATION_FAILED', ['/followerIds/0']);
    assert.equal(await databaseState(), before);

    const none = await patch(ticket.id, { followerIds: [] });
    assert.deepEqual(none.json().followerIds, []);
  });

  test('tags are added and removed', async () => {
    const ticket = await createTicket('Refund for order 7781', 'Please refund.', {
      tags: ['Billing', 'vip'],
    });
    assert.deepEqual(ticket.tags, ['billing', 'vip']);
    const changed = await patch(ticket.id, { addTags: ['refund', 'vip'], removeTags: ['billing'] });
    assert.equal(changed.statusCode, 200, changed.body);
    assert.deepEqual(changed.json().tags, ['vip', 'refund']);
    const replaced = await patch(ticket.id, { tags: ['done'] });
    assert.deepEqual(replaced.json().tags, ['done']);
    const event = (await timelineOf(ticket.id)).filter((e) => e.type === 'ticket.updated')[0];
    assert.deepEqual(event?.data.changes, { tags: { from: ['billing', 'vip'], to: ['vip', 'refund'] } });

    const before = await databaseState();
    assertInvalid(await patch(ticket.id, { tags: ['a'], addTags: ['b'] }), 'VALIDATION_FAILED', ['/tags']);
    assert.equal(await databaseState(), before);
  });
});
