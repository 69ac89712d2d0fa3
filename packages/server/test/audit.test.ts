import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createTestContext, type TestContext, type TestWorkspace } from './support/test-app.ts';

type Event = { id: string; type: string; subjectType: string; subjectId: string; ticketId: string | null };
type Page = { data: Event[]; nextAfter: string | null };

let t: TestContext;
let other: TestWorkspace;
const ticketIds: string[] = [];

before(async () => {
  t = await createTestContext();
  other = await t.addWorkspace('other-audit');
  for (const [i, subject] of ['배송 지연 문의', '환불 요청', '비밀번호 재설정'].entries()) {
    const created = await t.call(t.ws.agent.token, 'POST', '/api/v1/tickets', {
      subject,
      requester: { email: `customer${i}@example.kr` },
      message: { bodyText: `${subject} 드립니다.` },
    });
    assert.equal(created.statusCode, 201, created.body);
    ticketIds.push(created.json().id);
  }
  const [first] = ticketIds;
  await t.call(t.ws.agent.token, 'POST', `/api/v1/tickets/${first}/messages`, { bodyText: '확인 중입니다.' });
  await t.call(t.ws.admin.token, 'PATCH', `/api/v1/tickets/${first}`, { priority: 'high' });
  await t.call(other.agent.token, 'POST', '/api/v1/tickets', {
    subject: 'Other workspace ticket',
    requester: { email: 'someone@example.com' },
    message: { bodyText: 'hello' },
  });
});
after(async () => {
  await t?.close();
});

async function listEvents(query = '', token = t.ws.admin.token): Promise<Page> {
  const res = await t.call(token, 'GET', `/api/v1/events${query}`);
  assert.equal(res.statusCode, 200, res.body);
  return res.json();
}

async function storedEventIds(workspaceId: string): Promise<string[]> {
  const rows = await t.database.db
    .selectFrom('events')
    .select('id')
    .where('workspace_id', '=', workspaceId)
    .orderBy('id')
    .execute();
  return rows.map((r) => String(r.id));
}

describe('GET /events', () => {
  test("lists the workspace's whole log, oldest first", async () => {
    const page = await listEvents('?limit=500');
    assert.deepEqual(
      page.data.map((e) => e.id),
      await storedEventIds(t.ws.id),
    );
    assert.equal(page.nextAfter, null);
    const ids = page.data.map((e) => Number(e.id));
    assert.deepEqual(
      ids,
      [...ids].sort((a, b) => a - b),
    );
    assert.ok(page.data.some((e) => e.type === 'workspace.created' || e.type === 'user.created'));
  });

  test('pages by `after` return every event exactly once, including ones added meanwhile', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    let pages = 0;
    do {
      const page: Page = await listEvents(`?limit=2${after ? `&after=${after}` : ''}`);
      assert.ok(page.data.length <= 2);
      seen.push(...page.data.map((e) => e.id));
      after = page.nextAfter;
      if (after) assert.equal(after, page.data.at(-1)?.id);
      pages += 1;
      // A change while paging lands after the cursor and so on a later page.
      if (pages === 2) {
        await t.call(t.ws.agent.token, 'PATCH', `/api/v1/tickets/${ticketIds[1]}`, { tags: ['paged'] });
      }
    } while (after);
    assert.deepEqual(seen, await storedEventIds(t.ws.id));
    assert.equal(new Set(seen).size, seen.length);
    assert.ok(pages > 2);
  });

  test('filters by ticket, type, subject, actor type and user, combined with AND', async () => {
    const [first] = ticketIds;
    const byTicket = await listEvents(`?ticketId=${first}`);
    assert.deepEqual(
      byTicket.data.map((e) => e.type),
      ['ticket.created', 'message.added', 'message.added', 'ticket.updated', 'ticket.updated'],
    );
    assert.ok(byTicket.data.every((e) => e.ticketId === first));

    const created = await listEvents('?type=ticket.created');
    assert.deepEqual(
      created.data.map((e) => e.subjectId),
      ticketIds,
    );

    const bySubject = await listEvents(`?subjectType=ticket&subjectId=${ticketIds[2]}`);
    assert.deepEqual(
      bySubject.data.map((e) => e.type),
      ['ticket.created', 'message.added'],
    );

    const byAdmin = await listEvents(`?userId=${t.ws.admin.id}`);
    assert.deepEqual(
      byAdmin.data.map((e) => e.type),
      ['ticket.updated'],
    );
    const adminOnFirst = await listEvents(`?userId=${t.ws.admin.id}&ticketId=${ticketIds[1]}`);
    assert.deepEqual(adminOnFirst.data, []);

    const viaTokens = await listEvents('?actorType=api_token&type=message.added');
    assert.deepEqual(
      viaTokens.data.map((e) => e.ticketId),
      [first, ticketIds[1], ticketIds[2], first],
    );
    const bySystem = await listEvents('?actorType=system');
    assert.ok(bySystem.data.length > 0, 'workspace setup was recorded as the system');
    assert.ok(bySystem.data.every((e) => !e.type.startsWith('ticket.')));
  });

  test('rejects invalid queries with 422', async () => {
    for (const query of ['?limit=501', '?limit=0', '?after=-1', '?ticketId=123', '?actorType=robot']) {
      const res = await t.call(t.ws.admin.token, 'GET', `/api/v1/events${query}`);
      assert.equal(res.statusCode, 422, `${query}: ${res.body}`);
      assert.equal(res.json().code, 'VALIDATION_FAILED');
    }
  });

  test('is for admins and owners only', async () => {
    for (const token of [t.ws.agent.token, t.ws.lightAgent.token]) {
      const res = await t.call(token, 'GET', '/api/v1/events');
      assert.equal(res.statusCode, 403, res.body);
      assert.equal(res.json().code, 'AUTH_FORBIDDEN');
    }
    assert.ok((await listEvents('', t.ws.owner.token)).data.length > 0);
    const anonymous = await t.app.inject({ method: 'GET', url: '/api/v1/events' });
    assert.equal(anonymous.statusCode, 401);
  });

  test("another workspace sees only its own events, never this one's", async () => {
    const theirs = await listEvents('?limit=500', other.admin.token);
    assert.deepEqual(
      theirs.data.map((e) => e.id),
      await storedEventIds(other.id),
    );
    const ours = new Set(await storedEventIds(t.ws.id));
    assert.ok(theirs.data.every((e) => !ours.has(e.id)));
    assert.deepEqual((await listEvents(`?ticketId=${ticketIds[0]}`, other.admin.token)).data, []);
  });
});

describe('the event log is append-only', () => {
  test('UPDATE and DELETE on events are refused by the database', async () => {
    const [firstId] = await storedEventIds(t.ws.id);
    assert.ok(firstId);
    const db = t.database.db;
    await assert.rejects(
      db
        .updateTable('events')
        .set({ type: 'ticket.tampered' })
        .where('id', '=', firstId as never)
        .execute(),
      /append-only/,
    );
    await assert.rejects(
      db
        .deleteFrom('events')
        .where('id', '=', firstId as never)
        .execute(),
      /append-only/,
    );
    await assert.rejects(
      db.deleteFrom('events').where('workspace_id', '=', t.ws.id).execute(),
      /append-only/,
    );
    assert.deepEqual(
      await storedEventIds(t.ws.id),
      (await listEvents('?limit=500')).data.map((e) => e.id),
    );
    const row = await db
      .selectFrom('events')
      .select('type')
      .where('id', '=', firstId as never)
      .executeTakeFirst();
    assert.notEqual(row?.type, 'ticket.tampered');
  });
});
