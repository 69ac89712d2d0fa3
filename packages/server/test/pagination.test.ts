import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { TicketDto } from '@switchboard/core';
import { createTestContext, type TestContext } from './support/test-app.ts';

let t: TestContext;
let token: string;
let teamId: string;
let tickets: TicketDto[];

const priorities = ['low', 'normal', 'high', 'urgent'] as const;
const channels = ['email', 'chat', 'web', 'phone', 'api'] as const;
const statuses = ['new', 'open', 'pending', 'on_hold', 'solved'] as const;
const rank = { low: 1, normal: 2, high: 3, urgent: 4 };
const base = Date.parse('2026-03-01T09:00:00.000Z');
// Three tickets share each creation time, so every sort has to break ties by id.
const createdAtOf = (i: number) => new Date(base + Math.floor(i / 3) * 3_600_000).toISOString();

before(async () => {
  t = await createTestContext();
  token = t.ws.agent.token;
  const team = await t.call(t.ws.admin.token, 'POST', '/api/v1/teams', { name: 'Billing' });
  assert.equal(team.statusCode, 201, team.body);
  teamId = team.json().id;
  tickets = [];
  for (let i = 0; i < 60; i++) {
    const res = await t.call(token, 'POST', '/api/v1/tickets', {
      subject: `Ticket ${i}`,
      requester: { email: `customer${i % 7}@example.com` },
      message: { bodyText: `Message ${i}` },
      priority: priorities[i % 4],
      channel: channels[i % 5],
      status: statuses[i % 5],
      assigneeId: i % 3 === 0 ? t.ws.agent.id : null,
      teamId: i % 4 === 1 ? teamId : null,
      tags: [...(i % 4 === 0 ? ['vip'] : []), ...(i % 6 === 0 ? ['billing'] : [])],
      createdAt: createdAtOf(i),
    });
    assert.equal(res.statusCode, 201, res.body);
    tickets.push(res.json());
  }
});
after(async () => {
  await t?.close();
});

const byId = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const expectedOrder: Record<string, (a: TicketDto, b: TicketDto) => number> = {
  '-updatedAt': (a, b) => byId(b.updatedAt, a.updatedAt) || byId(b.id, a.id),
  createdAt: (a, b) => byId(a.createdAt, b.createdAt) || byId(a.id, b.id),
  number: (a, b) => a.number - b.number,
  '-priority': (a, b) =>
    rank[b.priority] - rank[a.priority] || byId(b.updatedAt, a.updatedAt) || byId(b.id, a.id),
};

async function page(query: string) {
  const res = await t.call(token, 'GET', `/api/v1/tickets?${query}`);
  assert.equal(res.statusCode, 200, res.body);
  return res.json() as { data: TicketDto[]; nextCursor: string | null };
}

/** Every page of a list, following nextCursor; `onPage` runs between pages. */
async function pageThrough(query: string, onPage: (seen: TicketDto[]) => Promise<void> = async () => {}) {
  const seen: TicketDto[] = [];
  let cursor: string | null = null;
  for (let pages = 0; pages < 100; pages++) {
    const result = await page(`${query}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
    assert.ok(result.data.length <= 7);
    seen.push(...result.data);
    if (!result.nextCursor) return seen;
    cursor = result.nextCursor;
    await onPage(seen);
  }
  throw new Error('pagination did not end');
}

describe('keyset pagination', () => {
  for (const sort of ['-updatedAt', 'createdAt', 'number', '-priority']) {
    test(`sort=${sort}: every ticket once, in order`, async () => {
      const seen = await pageThrough(`sort=${sort}&limit=7`);
      const expected = [...tickets].sort(expectedOrder[sort]).map((x) => x.id);
      assert.deepEqual(
        seen.map((x) => x.id),
        expected,
      );
    });
  }

  test('updates while paging never repeat a ticket already seen', async () => {
    let n = 0;
    const seen = await pageThrough('sort=-updatedAt&limit=7', async (soFar) => {
      // Touch one ticket already read and one not read yet: both jump to the top of the order.
      const read = soFar[n % soFar.length] as TicketDto;
      const unread = tickets.find((x) => !soFar.some((s) => s.id === x.id)) as TicketDto;
      n += 1;
      for (const target of [read, unread]) {
        const res = await t.call(token, 'PATCH', `/api/v1/tickets/${target.id}`, {
          addTags: [`touched${n}`],
        });
        assert.equal(res.statusCode, 200, res.body);
      }
    });
    const ids = seen.map((x) => x.id);
    assert.equal(new Set(ids).size, ids.length, 'no ticket appears twice');
    assert.ok(ids.length >= 60 - n, 'tickets not yet read are skipped at most once per update');
  });

  test('a cursor from one sort is refused by another', async () => {
    for (const [from, to] of [
      ['createdAt', '-updatedAt'],
      ['-updatedAt', 'createdAt'],
      ['number', '-priority'],
      ['-priority', 'number'],
    ]) {
      const { nextCursor } = await page(`sort=${from}&limit=7`);
      assert.ok(nextCursor);
      const res = await t.call(
        token,
        'GET',
        `/api/v1/tickets?sort=${to}&limit=7&cursor=${encodeURIComponent(nextCursor)}`,
      );
      assert.equal(res.statusCode, 422, `${from} → ${to}: ${res.body}`);
      assert.equal(res.json().code, 'VALIDATION_FAILED');
    }
  });

  test('forged cursors are refused, not passed to SQL', async () => {
    const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const someId = tickets[0]?.id;
    const forged: [string, string][] = [
      ['number', 'not base64 at all!'],
      ['number', encode({ a: 1 })],
      ['number', encode(['number', '1'])],
      ['number', encode(['number', 1.5])],
      ['-updatedAt', encode(['-updatedAt', 'yesterday', someId])],
      ['createdAt', encode(['createdAt', '2026-03-01T09:00:00.000Z', 'not-a-uuid'])],
      ['-priority', encode(['-priority', 'high', '2026-03-01T09:00:00.000Z', someId])],
    ];
    for (const [sort, cursor] of forged) {
      const res = await t.call(
        token,
        'GET',
        `/api/v1/tickets?sort=${sort}&cursor=${encodeURIComponent(cursor)}`,
      );
      assert.equal(res.statusCode, 422, `${sort} ${cursor}: ${res.body}`);
      assert.equal(res.json().code, 'VALIDATION_FAILED');
    }
  });
});

describe('filters', () => {
  const idsWhere = (pick: (x: TicketDto, i: number) => boolean) =>
    tickets
      .filter(pick)
      .map((x) => x.id)
      .sort();

  const cases: [string, () => string, (x: TicketDto, i: number) => boolean][] = [
    ['status', () => 'status=open,pending', (x) => x.status === 'open' || x.status === 'pending'],
    ['priority', () => 'priority=urgent', (x) => x.priority === 'urgent'],
    ['channel', () => 'channel=chat,phone', (x) => x.channel === 'chat' || x.channel === 'phone'],
    ['unassigned', () => 'assigneeId=none', (x) => x.assigneeId === null],
    ['assignee', () => `assigneeId=${t.ws.agent.id}`, (x) => x.assigneeId === t.ws.agent.id],
    ['team', () => `teamId=${teamId}`, (x) => x.teamId === teamId],
    ['no team', () => 'teamId=none', (x) => x.teamId === null],
    ['one tag', () => 'tags=VIP', (_x, i) => i % 4 === 0],
    ['all tags', () => 'tags=vip,billing', (_x, i) => i % 12 === 0],
    [
      'created window',
      () => `createdAfter=${createdAtOf(9)}&createdBefore=${createdAtOf(21)}`,
      (_x, i) => i >= 9 && i < 21,
    ],
    [
      'combined',
      () => `status=new&priority=low&sort=number`,
      (x) => x.status === 'new' && x.priority === 'low',
    ],
  ];
  for (const [name, query, pick] of cases) {
    test(name, async () => {
      const seen = await pageThrough(`${query()}&limit=7`);
      const expected = idsWhere(pick);
      assert.ok(expected.length > 0, 'the case selects something');
      assert.deepEqual(seen.map((x) => x.id).sort(), expected);
    });
  }
});
