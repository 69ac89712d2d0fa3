import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { TicketDto } from '@switchboard/core';
import type { LightMyRequestResponse } from 'fastify';
import { sql } from 'kysely';
import { createTestContext, type TestContext, type TestWorkspace } from './support/test-app.ts';

let t: TestContext;
let a: TestWorkspace;
let b: TestWorkspace;
let aTickets: TicketDto[];
let bTicket: TicketDto;

const ticketBody = (subject: string, word: string, email: string) => ({
  subject,
  requester: { email, name: 'Customer' },
  message: { bodyText: `Something about ${word} went wrong.` },
});

before(async () => {
  t = await createTestContext();
  a = t.ws;
  b = await t.addWorkspace('globex');
  aTickets = [];
  for (const word of ['acmesecret', 'anvil', 'rocket']) {
    const res = await t.call(
      a.agent.token,
      'POST',
      '/api/v1/tickets',
      ticketBody(`Acme ${word}`, word, 'wile@coyote.example'),
    );
    assert.equal(res.statusCode, 201, res.body);
    aTickets.push(res.json());
  }
  const res = await t.call(
    b.agent.token,
    'POST',
    '/api/v1/tickets',
    ticketBody('Globex order', 'hammock', 'hank@globex.example'),
  );
  assert.equal(res.statusCode, 201, res.body);
  bTicket = res.json();
});
after(async () => {
  await t?.close();
});

/** A digest of every row a ticket write can touch: equal digests mean nothing changed. */
async function databaseState(): Promise<string> {
  const tables = ['tickets', 'messages', 'contacts', 'contact_identities', 'events', 'ticket_followers'];
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

function assertStatus(res: LightMyRequestResponse, status: number, code: string, label: string) {
  assert.equal(res.statusCode, status, `${label}: ${res.body}`);
  assert.match(String(res.headers['content-type']), /^application\/problem\+json/, label);
  assert.equal(res.json().code, code, label);
}

function pointersOf(res: LightMyRequestResponse): string[] {
  return res.json().errors?.map((e: { pointer: string }) => e.pointer) ?? [];
}

describe("another workspace's tickets", () => {
  test('every ticket endpoint answers 404 and changes nothing', async () => {
    const target = aTickets[0] as TicketDto;
    const id = target.id;
    const before = await databaseState();
    const attempts: [string, () => Promise<LightMyRequestResponse>][] = [
      ['get', () => t.call(b.agent.token, 'GET', `/api/v1/tickets/${id}`)],
      ['by number', () => t.call(b.agent.token, 'GET', `/api/v1/tickets/by-number/${aTickets.length}`)],
      ['patch', () => t.call(b.agent.token, 'PATCH', `/api/v1/tickets/${id}`, { priority: 'urgent' })],
      ['delete', () => t.call(b.owner.token, 'DELETE', `/api/v1/tickets/${id}`)],
      ['messages', () => t.call(b.agent.token, 'GET', `/api/v1/tickets/${id}/messages`)],
      ['reply', () => t.call(b.agent.token, 'POST', `/api/v1/tickets/${id}/messages`, { bodyText: 'hi' })],
      [
        'note',
        () =>
          t.call(b.lightAgent.token, 'POST', `/api/v1/tickets/${id}/messages`, {
            visibility: 'internal',
            bodyText: 'hi',
          }),
      ],
      [
        'merge source',
        () => t.call(b.agent.token, 'POST', `/api/v1/tickets/${id}/merge`, { targetTicketId: bTicket.id }),
      ],
      [
        'merge target',
        () => t.call(b.agent.token, 'POST', `/api/v1/tickets/${bTicket.id}/merge`, { targetTicketId: id }),
      ],
      ['children', () => t.call(b.agent.token, 'GET', `/api/v1/tickets/${id}/children`)],
      ['timeline', () => t.call(b.agent.token, 'GET', `/api/v1/tickets/${id}/timeline`)],
    ];
    for (const [label, attempt] of attempts) assertStatus(await attempt(), 404, 'TICKET_NOT_FOUND', label);
    assert.equal(await databaseState(), before);
    const still = (await t.call(a.agent.token, 'GET', `/api/v1/tickets/${id}`)).json();
    assert.equal(still.version, target.version);
  });

  test("lists and search never return the other workspace's tickets", async () => {
    const list = (await t.call(b.agent.token, 'GET', '/api/v1/tickets?limit=100')).json();
    assert.deepEqual(
      list.data.map((x: TicketDto) => x.id),
      [bTicket.id],
    );
    const search = (await t.call(b.agent.token, 'GET', '/api/v1/tickets?q=acmesecret')).json();
    assert.deepEqual(search.data, []);
    const byRequester = await t.call(
      b.agent.token,
      'GET',
      `/api/v1/tickets?requesterId=${aTickets[0]?.requesterId}`,
    );
    assert.deepEqual(byRequester.json().data, []);
    const ownSearch = (await t.call(a.agent.token, 'GET', '/api/v1/tickets?q=acmesecret')).json();
    assert.deepEqual(
      ownSearch.data.map((x: TicketDto) => x.id),
      [aTickets[0]?.id],
    );
  });

  test("the other workspace's users, contacts and tickets cannot be referenced", async () => {
    const aContact = aTickets[0]?.requesterId as string;
    const before = await databaseState();
    const create = (extra: Record<string, unknown>) =>
      t.call(b.agent.token, 'POST', '/api/v1/tickets', {
        ...ticketBody('Globex', 'x', 'new@globex.example'),
        ...extra,
      });

    const assignee = await create({ assigneeId: a.agent.id });
    assertStatus(assignee, 422, 'VALIDATION_FAILED', 'assignee on create');
    assert.deepEqual(pointersOf(assignee), ['/assigneeId']);
    const requester = await create({ requester: { id: aContact } });
    assertStatus(requester, 422, 'VALIDATION_FAILED', 'requester on create');
    assert.deepEqual(pointersOf(requester), ['/requester/id']);
    const parent = await create({ parentId: aTickets[1]?.id, followerIds: [a.admin.id] });
    assert.deepEqual(pointersOf(parent).sort(), ['/followerIds/0', '/parentId']);

    const update = (body: object) => t.call(b.agent.token, 'PATCH', `/api/v1/tickets/${bTicket.id}`, body);
    assert.deepEqual(pointersOf(await update({ assigneeId: a.agent.id })), ['/assigneeId']);
    assert.deepEqual(pointersOf(await update({ requesterId: aContact })), ['/requesterId']);
    assert.deepEqual(pointersOf(await update({ parentId: aTickets[1]?.id })), ['/parentId']);
    assert.deepEqual(pointersOf(await update({ followerIds: [a.owner.id] })), ['/followerIds/0']);
    assert.equal(await databaseState(), before);
  });

  test('the same customer email makes a separate contact in each workspace', async () => {
    const res = await t.call(
      b.agent.token,
      'POST',
      '/api/v1/tickets',
      ticketBody('Globex too', 'y', 'wile@coyote.example'),
    );
    assert.equal(res.statusCode, 201, res.body);
    assert.notEqual(res.json().requesterId, aTickets[0]?.requesterId);
  });
});
