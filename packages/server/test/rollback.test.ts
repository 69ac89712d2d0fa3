/**
 * A command that fails half-way leaves nothing behind. The failure is injected with a trigger
 * on the events table, which every command writes last: on PostgreSQL it kills the database
 * connection itself in the middle of the transaction (what a crash or failover looks like to
 * the app); PGlite cannot lose its connection, so there it raises an error.
 */
import assert from 'node:assert/strict';
import { after, afterEach, before, describe, test } from 'node:test';
import type { LightMyRequestResponse } from 'fastify';
import { sql } from 'kysely';
import { createTestContext, type TestContext } from './support/test-app.ts';
import { testEngine } from './support/test-database.ts';

let t: TestContext;
before(async () => {
  t = await createTestContext();
});
after(async () => {
  await t?.close();
});
afterEach(async () => {
  await sql`drop trigger if exists inject_failure on events`.execute(t.database.db);
});

const failure =
  testEngine === 'postgres'
    ? 'perform pg_terminate_backend(pg_backend_pid());'
    : "raise exception 'injected failure';";

/** Fails the transaction that appends an event of `eventType`. */
async function failOnEvent(eventType: string) {
  await sql
    .raw(`create or replace function inject_failure() returns trigger language plpgsql as $$
      begin
        if new.type = tg_argv[0] then ${failure} end if;
        return new;
      end $$`)
    .execute(t.database.db);
  await sql
    .raw(`create trigger inject_failure before insert on events
            for each row execute function inject_failure('${eventType}')`)
    .execute(t.database.db);
}

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

function assertInternalError(res: LightMyRequestResponse) {
  assert.equal(res.statusCode, 500, res.body);
  assert.match(String(res.headers['content-type']), /^application\/problem\+json/);
  const body = res.json();
  assert.equal(body.code, 'INTERNAL_ERROR');
  assert.equal(body.detail, 'The server failed to handle the request.');
  assert.doesNotMatch(res.body, /terminat|injected|sql|trigger/i, 'no internals leak');
}

const newTicket = (email: string, extra: Record<string, unknown> = {}) => ({
  subject: 'Payment failed twice',
  requester: { email, name: 'Jo' },
  message: { bodyText: 'Card was charged but the order shows failed.' },
  ...extra,
});

async function createTicket(email: string) {
  const res = await t.call(t.ws.agent.token, 'POST', '/api/v1/tickets', newTicket(email));
  assert.equal(res.statusCode, 201, res.body);
  return res.json() as { id: string; version: number };
}

describe('a command failing half-way', () => {
  test('ticket creation leaves no ticket, message, contact or event; the app carries on', async () => {
    await createTicket('warmup@example.com');
    const before = await databaseState();
    await failOnEvent('ticket.created');
    const res = await t.call(
      t.ws.agent.token,
      'POST',
      '/api/v1/tickets',
      newTicket('new.customer@example.com'),
    );
    assertInternalError(res);
    await sql`drop trigger inject_failure on events`.execute(t.database.db);
    assert.equal(await databaseState(), before);

    // More requests than the pool has connections: none may get the dead one.
    const next = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        t.call(t.ws.agent.token, 'POST', '/api/v1/tickets', newTicket(`after${i}@example.com`)),
      ),
    );
    for (const r of next) assert.equal(r.statusCode, 201, r.body);
    const retried = await t.call(
      t.ws.agent.token,
      'POST',
      '/api/v1/tickets',
      newTicket('new.customer@example.com'),
    );
    assert.equal(retried.statusCode, 201, retried.body);
  });

  test('an update leaves the ticket as it was', async () => {
    const ticket = await createTicket('update@example.com');
    const before = await databaseState();
    await failOnEvent('ticket.updated');
    assertInternalError(
      await t.call(t.ws.agent.token, 'PATCH', `/api/v1/tickets/${ticket.id}`, {
        priority: 'urgent',
        tags: ['chargeback'],
        followerIds: [t.ws.admin.id],
      }),
    );
    await sql`drop trigger inject_failure on events`.execute(t.database.db);
    assert.equal(await databaseState(), before);
    const after = (await t.call(t.ws.agent.token, 'GET', `/api/v1/tickets/${ticket.id}`)).json();
    assert.equal(after.version, ticket.version);
  });

  test('a merge leaves both tickets and their messages in place', async () => {
    const source = await createTicket('merge@example.com');
    const target = await createTicket('merge@example.com');
    const before = await databaseState();
    await failOnEvent('ticket.merge_received');
    assertInternalError(
      await t.call(t.ws.agent.token, 'POST', `/api/v1/tickets/${source.id}/merge`, {
        targetTicketId: target.id,
      }),
    );
    await sql`drop trigger inject_failure on events`.execute(t.database.db);
    assert.equal(await databaseState(), before);
  });

  test('validation failing after the requester was created leaves no contact', async () => {
    const before = await databaseState();
    // Attachments are checked after the contact, ticket and message rows are written.
    const res = await t.call(
      t.ws.agent.token,
      'POST',
      '/api/v1/tickets',
      newTicket('brand.new@example.com', {
        message: { bodyText: 'See attached', attachmentIds: ['0190a000-0000-7000-8000-000000000000'] },
      }),
    );
    assert.equal(res.statusCode, 422, res.body);
    assert.equal(res.json().code, 'VALIDATION_FAILED');
    assert.deepEqual(
      res.json().errors.map((e: { pointer: string }) => e.pointer),
      ['/message/attachmentIds'],
    );
    assert.equal(await databaseState(), before);
  });
});
