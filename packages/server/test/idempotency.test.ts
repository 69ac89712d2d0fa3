import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { createTestContext, type TestContext } from './support/test-app.ts';

let t: TestContext;
before(async () => {
  t = await createTestContext();
});
after(async () => {
  await t?.close();
});

const body = (subject: string) => ({
  subject,
  requester: { email: `${subject.toLowerCase().replace(/\W+/g, '.')}@example.com` },
  message: { bodyText: 'The export button does nothing.' },
});

async function countTickets(subject: string): Promise<number> {
  const row = await t.database.db
    .selectFrom('tickets')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('subject', '=', subject)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

async function databaseState(): Promise<string> {
  const tables = ['tickets', 'messages', 'contacts', 'events', 'idempotency_keys'];
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

const post = (token: string, payload: object, key: string) =>
  t.call(token, 'POST', '/api/v1/tickets', payload, { 'idempotency-key': key });

describe('Idempotency-Key on POST /tickets', () => {
  test('a retry gets the first answer, not a second ticket', async () => {
    const first = await post(t.ws.agent.token, body('Export broken'), 'key-retry-1');
    assert.equal(first.statusCode, 201, first.body);
    assert.equal(first.headers['idempotency-replayed'], undefined);
    const second = await post(t.ws.agent.token, body('Export broken'), 'key-retry-1');
    assert.equal(second.statusCode, 201, second.body);
    assert.equal(second.headers['idempotency-replayed'], 'true');
    assert.deepEqual(second.json(), first.json());
    assert.equal(second.headers.location, first.headers.location);
    assert.equal(second.headers.etag, first.headers.etag);
    assert.equal(await countTickets('Export broken'), 1);
  });

  test('the same key with another body is refused and changes nothing', async () => {
    assert.equal((await post(t.ws.agent.token, body('Import broken'), 'key-reuse-1')).statusCode, 201);
    const before = await databaseState();
    const reused = await post(t.ws.agent.token, body('Something else'), 'key-reuse-1');
    assert.equal(reused.statusCode, 422, reused.body);
    assert.match(String(reused.headers['content-type']), /^application\/problem\+json/);
    assert.equal(reused.json().code, 'IDEMPOTENCY_KEY_REUSED');
    assert.equal(await databaseState(), before);
    assert.equal(await countTickets('Something else'), 0);
  });

  test('ten concurrent requests with one key make one ticket', async () => {
    const answers = await Promise.all(
      Array.from({ length: 10 }, () => post(t.ws.agent.token, body('Concurrent retry'), 'key-race-1')),
    );
    for (const answer of answers) assert.equal(answer.statusCode, 201, answer.body);
    const ids = new Set(answers.map((a) => a.json().id));
    assert.equal(ids.size, 1, 'every answer names the same ticket');
    assert.equal(await countTickets('Concurrent retry'), 1);
    const replayed = answers.filter((a) => a.headers['idempotency-replayed'] === 'true');
    assert.equal(replayed.length, 9);
    const contacts = await t.database.db
      .selectFrom('contact_identities')
      .select('contact_id')
      .where('value', '=', 'concurrent.retry@example.com')
      .execute();
    assert.equal(contacts.length, 1, 'one requester contact');
  });

  test('keys belong to their caller', async () => {
    const agent = await post(t.ws.agent.token, body('Shared key'), 'key-shared-1');
    const admin = await post(t.ws.admin.token, body('Shared key'), 'key-shared-1');
    assert.equal(agent.statusCode, 201, agent.body);
    assert.equal(admin.statusCode, 201, admin.body);
    assert.equal(admin.headers['idempotency-replayed'], undefined);
    assert.notEqual(agent.json().id, admin.json().id);
    assert.equal(await countTickets('Shared key'), 2);
  });

  test('a failed request does not use up its key', async () => {
    const failed = await post(
      t.ws.agent.token,
      { ...body('Fixed later'), assigneeId: t.ws.lightAgent.id },
      'key-fix-1',
    );
    assert.equal(failed.statusCode, 422, failed.body);
    const fixed = await post(t.ws.agent.token, body('Fixed later'), 'key-fix-1');
    assert.equal(fixed.statusCode, 201, fixed.body);
    assert.equal(fixed.headers['idempotency-replayed'], undefined);
  });

  test('a malformed key is refused', async () => {
    const before = await databaseState();
    const res = await post(t.ws.agent.token, body('Bad key'), 'x'.repeat(256));
    assert.equal(res.statusCode, 422, res.body);
    assert.equal(res.json().code, 'VALIDATION_FAILED');
    assert.equal(await databaseState(), before);
  });
});

describe('Idempotency-Key on POST /tickets/:id/messages', () => {
  test('a retried reply is stored once', async () => {
    const ticket = (await t.call(t.ws.agent.token, 'POST', '/api/v1/tickets', body('Reply retry'))).json();
    const url = `/api/v1/tickets/${ticket.id}/messages`;
    const reply = { bodyText: 'Fixed in 2.4.1, please update.' };
    const first = await t.call(t.ws.agent.token, 'POST', url, reply, { 'idempotency-key': 'msg-1' });
    const second = await t.call(t.ws.agent.token, 'POST', url, reply, { 'idempotency-key': 'msg-1' });
    assert.equal(first.statusCode, 201, first.body);
    assert.equal(second.statusCode, 201, second.body);
    assert.equal(second.headers['idempotency-replayed'], 'true');
    assert.deepEqual(second.json(), first.json());
    const messages = (await t.call(t.ws.agent.token, 'GET', url)).json().data;
    assert.equal(messages.length, 2);
  });
});
