import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { LightMyRequestResponse } from 'fastify';
import { sql } from 'kysely';
import { createTestContext, type TestContext } from './support/test-app.ts';

let t: TestContext;
before(async () => {
  t = await createTestContext({ SWITCHBOARD_BODY_LIMIT_BYTES: '4096' });
});
after(async () => {
  await t?.close();
});

const newTicket = (overrides: Record<string, unknown> = {}) => ({
  subject: 'Invoice shows the wrong VAT number',
  requester: { email: 'billing@initech.example', name: 'Bill Lumbergh' },
  message: { bodyText: 'Our VAT number is DE123456789, the invoice says DE987654321.' },
  ...overrides,
});

/** Every error leaves as RFC 9457 problem+json with our code. */
function assertProblem(res: LightMyRequestResponse, status: number, code: string) {
  assert.equal(res.statusCode, status, res.body);
  assert.match(String(res.headers['content-type']), /^application\/problem\+json/);
  const body = res.json();
  for (const field of ['type', 'title', 'status', 'detail', 'instance', 'code']) {
    assert.ok(body[field] !== undefined && body[field] !== '', `problem has ${field}: ${res.body}`);
  }
  assert.equal(body.status, status);
  assert.equal(body.code, code);
  return body as { errors?: { pointer?: string; parameter?: string; message: string }[] };
}

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

async function createTicket(overrides: Record<string, unknown> = {}) {
  const res = await t.call(t.ws.agent.token, 'POST', '/api/v1/tickets', newTicket(overrides));
  assert.equal(res.statusCode, 201, res.body);
  return res.json() as { id: string; version: number; status: string; priority: string };
}

describe('request validation', () => {
  test('malformed JSON is a 400', async () => {
    const before = await databaseState();
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/tickets',
      headers: { authorization: `Bearer ${t.ws.agent.token}`, 'content-type': 'application/json' },
      payload: '{"subject": "half a',
    });
    assertProblem(res, 400, 'REQUEST_MALFORMED');
    assert.equal(await databaseState(), before);
  });

  test('an unknown field is named by its pointer', async () => {
    const before = await databaseState();
    const res = await t.call(t.ws.agent.token, 'POST', '/api/v1/tickets', newTicket({ severity: 'high' }));
    const body = assertProblem(res, 422, 'VALIDATION_FAILED');
    assert.deepEqual(
      body.errors?.map((e) => e.pointer),
      ['/severity'],
    );
    assert.equal(await databaseState(), before);
  });

  test('every invalid field is listed at once', async () => {
    const before = await databaseState();
    const res = await t.call(
      t.ws.agent.token,
      'POST',
      '/api/v1/tickets',
      newTicket({ priority: 7, tags: 'x', requester: { email: 'not-an-email' } }),
    );
    const body = assertProblem(res, 422, 'VALIDATION_FAILED');
    assert.deepEqual(body.errors?.map((e) => e.pointer).sort(), ['/priority', '/requester/email', '/tags']);
    assert.ok(body.errors?.every((e) => e.message.length > 0));
    assert.equal(await databaseState(), before);
  });

  test('a body over the limit is a 413', async () => {
    const before = await databaseState();
    const res = await t.call(
      t.ws.agent.token,
      'POST',
      '/api/v1/tickets',
      newTicket({ message: { bodyText: 'x'.repeat(5000) } }),
    );
    assertProblem(res, 413, 'REQUEST_TOO_LARGE');
    assert.equal(await databaseState(), before);
  });

  test('invalid query parameters are named', async () => {
    const res = await t.call(t.ws.agent.token, 'GET', '/api/v1/tickets?limit=1000&status=bogus');
    const body = assertProblem(res, 422, 'VALIDATION_FAILED');
    assert.deepEqual(body.errors?.map((e) => e.parameter).sort(), ['limit', 'status']);
    assert.ok(body.errors?.every((e) => e.pointer === undefined));
  });

  test('unknown and malformed ids, unknown routes', async () => {
    const missing = await t.call(
      t.ws.agent.token,
      'GET',
      '/api/v1/tickets/0190a000-0000-7000-8000-000000000000',
    );
    assertProblem(missing, 404, 'TICKET_NOT_FOUND');
    const malformed = await t.call(t.ws.agent.token, 'GET', '/api/v1/tickets/42');
    const body = assertProblem(malformed, 422, 'VALIDATION_FAILED');
    assert.deepEqual(
      body.errors?.map((e) => e.parameter),
      ['id'],
    );
    const route = await t.call(t.ws.agent.token, 'GET', '/api/v1/tickets-and-more');
    assertProblem(route, 404, 'ROUTE_NOT_FOUND');
    const anonymous = await t.app.inject({ method: 'GET', url: '/api/v1/nothing-here' });
    assertProblem(anonymous, 404, 'ROUTE_NOT_FOUND');
  });
});

describe('ticket rules', () => {
  test('an invalid status transition changes nothing', async () => {
    const ticket = await createTicket();
    const before = await databaseState();
    const res = await t.call(t.ws.agent.token, 'PATCH', `/api/v1/tickets/${ticket.id}`, {
      status: 'closed',
      priority: 'urgent',
    });
    assertProblem(res, 422, 'TICKET_STATUS_TRANSITION_INVALID');
    assert.equal(await databaseState(), before);
  });

  test('solving needs the required custom fields', async () => {
    await t.database.db
      .insertInto('custom_field_definitions')
      .values({
        id: t.deps.ids.next(),
        workspace_id: t.ws.id,
        key: 'order_id',
        label: 'Order ID',
        type: 'text',
        options: '[]',
        required: true,
      })
      .execute();
    try {
      const ticket = await createTicket();
      const before = await databaseState();
      const res = await t.call(t.ws.agent.token, 'PATCH', `/api/v1/tickets/${ticket.id}`, {
        status: 'solved',
      });
      const body = assertProblem(res, 422, 'VALIDATION_FAILED');
      assert.deepEqual(
        body.errors?.map((e) => e.pointer),
        ['/customFields/order_id'],
      );
      assert.equal(await databaseState(), before);

      const created = await t.call(
        t.ws.agent.token,
        'POST',
        '/api/v1/tickets',
        newTicket({ status: 'solved' }),
      );
      const createBody = assertProblem(created, 422, 'VALIDATION_FAILED');
      assert.deepEqual(
        createBody.errors?.map((e) => e.pointer),
        ['/customFields/order_id'],
      );
      assert.equal(await databaseState(), before);

      const solved = await t.call(t.ws.agent.token, 'PATCH', `/api/v1/tickets/${ticket.id}`, {
        status: 'solved',
        customFields: { order_id: 'A-1001' },
      });
      assert.equal(solved.statusCode, 200, solved.body);
      assert.equal(solved.json().status, 'solved');
    } finally {
      await t.database.db.deleteFrom('custom_field_definitions').where('key', '=', 'order_id').execute();
    }
  });
});

describe('optimistic concurrency', () => {
  test('a stale If-Match is refused and changes nothing', async () => {
    const { id } = await createTicket();
    const read = await t.call(t.ws.agent.token, 'GET', `/api/v1/tickets/${id}`);
    assert.equal(read.headers.etag, '"1"');
    const first = await t.call(
      t.ws.agent.token,
      'PATCH',
      `/api/v1/tickets/${id}`,
      { priority: 'high' },
      {
        'if-match': '"1"',
      },
    );
    assert.equal(first.statusCode, 200, first.body);
    assert.equal(first.headers.etag, '"2"');
    assert.equal(first.json().version, 2);

    const before = await databaseState();
    const second = await t.call(
      t.ws.admin.token,
      'PATCH',
      `/api/v1/tickets/${id}`,
      { priority: 'low' },
      {
        'if-match': '"1"',
      },
    );
    assertProblem(second, 412, 'TICKET_VERSION_MISMATCH');
    assert.equal(second.json().currentVersion, 2);
    assert.equal(await databaseState(), before);
    const current = (await t.call(t.ws.agent.token, 'GET', `/api/v1/tickets/${id}`)).json();
    assert.equal(current.priority, 'high');
    assert.equal(current.version, 2);
  });

  test("a customer's new message makes an agent's earlier read stale", async () => {
    const { id } = await createTicket();
    const etag = String((await t.call(t.ws.agent.token, 'GET', `/api/v1/tickets/${id}`)).headers.etag);
    const customer = await t.call(t.ws.agent.token, 'POST', `/api/v1/tickets/${id}/messages`, {
      author: 'requester',
      bodyText: 'Any news? Our accountant is waiting.',
    });
    assert.equal(customer.statusCode, 201, customer.body);
    const before = await databaseState();
    const stale = await t.call(
      t.ws.agent.token,
      'PATCH',
      `/api/v1/tickets/${id}`,
      { status: 'pending' },
      {
        'if-match': etag,
      },
    );
    assertProblem(stale, 412, 'TICKET_VERSION_MISMATCH');
    assert.equal(await databaseState(), before);
  });

  test('If-Match * and no If-Match are accepted', async () => {
    const { id } = await createTicket();
    const star = await t.call(
      t.ws.agent.token,
      'PATCH',
      `/api/v1/tickets/${id}`,
      { priority: 'high' },
      {
        'if-match': '*',
      },
    );
    assert.equal(star.statusCode, 200, star.body);
    assert.equal(star.headers.etag, '"2"');
    const none = await t.call(t.ws.agent.token, 'PATCH', `/api/v1/tickets/${id}`, { priority: 'urgent' });
    assert.equal(none.statusCode, 200, none.body);
    assert.equal(none.headers.etag, '"3"');
  });
});
