import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { LightMyRequestResponse } from 'fastify';
import { sql } from 'kysely';
import { asSession, postLogin, signIn } from './support/session.ts';
import { createTestContext, type TestContext } from './support/test-app.ts';

let t: TestContext;
before(async () => {
  t = await createTestContext();
});
after(async () => {
  await t?.close();
});

const newTicket = {
  subject: 'Cannot sign in',
  requester: { email: 'sam@example.com' },
  message: { bodyText: 'The app says my password is wrong.' },
};

function assertProblem(res: LightMyRequestResponse, status: number, code: string) {
  assert.equal(res.statusCode, status, res.body);
  assert.match(String(res.headers['content-type']), /^application\/problem\+json/);
  assert.equal(res.json().code, code);
}

async function countRows(table: 'tickets' | 'messages' | 'events' | 'api_tokens') {
  const { rows } = await sql<{ n: number }>`select count(*)::int as n from ${sql.table(table)}`.execute(
    t.database.db,
  );
  return rows[0]?.n ?? 0;
}

async function createTicket() {
  const res = await t.call(t.ws.agent.token, 'POST', '/api/v1/tickets', newTicket);
  assert.equal(res.statusCode, 201, res.body);
  return res.json() as { id: string; version: number; priority: string };
}

describe('session sign-in', () => {
  test('sets an HttpOnly session cookie and a readable CSRF cookie', async () => {
    const { login } = await signIn(t.app, 'agent@acme.test');
    const body = login.json();
    assert.equal(body.userId, t.ws.agent.id);
    assert.equal(body.role, 'agent');
    assert.ok(body.csrfToken.length >= 20);
    const session = login.cookies.find((c) => c.name === 'sb_session');
    const csrf = login.cookies.find((c) => c.name === 'sb_csrf');
    assert.ok(session && csrf);
    assert.equal(session.httpOnly, true);
    assert.equal(session.sameSite, 'Lax');
    assert.equal(session.path, '/');
    assert.notEqual(csrf.httpOnly, true);
    assert.equal(csrf.sameSite, 'Lax');
    assert.equal(csrf.path, '/');
    assert.equal(csrf.value, body.csrfToken);
  });

  test('safe methods need only the cookie; writes need the CSRF header', async () => {
    const s = await signIn(t.app, 'agent@acme.test');
    const me = await asSession(t.app, s, { method: 'GET', url: '/api/v1/auth/session', csrf: null });
    assert.equal(me.statusCode, 200, me.body);
    assert.equal(me.json().userId, t.ws.agent.id);

    const ticket = await createTicket();
    const tickets = await countRows('tickets');
    const events = await countRows('events');
    for (const csrf of [null, 'wrong-token', '']) {
      const post = await asSession(t.app, s, {
        method: 'POST',
        url: '/api/v1/tickets',
        body: newTicket,
        csrf,
      });
      assertProblem(post, 403, 'AUTH_CSRF_INVALID');
      const patch = await asSession(t.app, s, {
        method: 'PATCH',
        url: `/api/v1/tickets/${ticket.id}`,
        body: { priority: 'urgent' },
        csrf,
      });
      assertProblem(patch, 403, 'AUTH_CSRF_INVALID');
    }
    assert.equal(await countRows('tickets'), tickets);
    assert.equal(await countRows('events'), events);
    const unchanged = (await t.call(t.ws.agent.token, 'GET', `/api/v1/tickets/${ticket.id}`)).json();
    assert.equal(unchanged.version, ticket.version);
    assert.equal(unchanged.priority, 'normal');

    const created = await asSession(t.app, s, { method: 'POST', url: '/api/v1/tickets', body: newTicket });
    assert.equal(created.statusCode, 201, created.body);
    const patched = await asSession(t.app, s, {
      method: 'PATCH',
      url: `/api/v1/tickets/${ticket.id}`,
      body: { priority: 'urgent' },
    });
    assert.equal(patched.statusCode, 200, patched.body);
    assert.equal(patched.json().priority, 'urgent');
    const [event] = await t.database.db
      .selectFrom('events')
      .select(['actor_type', 'via', 'user_id'])
      .where('ticket_id', '=', ticket.id)
      .orderBy('id', 'desc')
      .limit(1)
      .execute();
    assert.deepEqual(event, { actor_type: 'agent', via: 'web', user_id: t.ws.agent.id });
  });

  test('bearer requests need no CSRF token', async () => {
    const res = await t.call(t.ws.agent.token, 'POST', '/api/v1/tickets', newTicket);
    assert.equal(res.statusCode, 201, res.body);
  });

  test('a wrong password and an unknown email get the same answer', async () => {
    const wrong = await postLogin(t.app, 'agent@acme.test', 'not the password');
    const unknown = await postLogin(t.app, 'nobody@acme.test', 'not the password');
    assertProblem(wrong, 401, 'AUTH_INVALID_CREDENTIALS');
    assertProblem(unknown, 401, 'AUTH_INVALID_CREDENTIALS');
    const { instance: _a, ...wrongBody } = wrong.json();
    const { instance: _b, ...unknownBody } = unknown.json();
    assert.deepEqual(wrongBody, unknownBody);
    assert.equal(wrong.cookies.length, 0);
  });

  test('logout ends the session', async () => {
    const s = await signIn(t.app, 'admin@acme.test');
    const out = await asSession(t.app, s, { method: 'POST', url: '/api/v1/auth/logout' });
    assert.equal(out.statusCode, 204, out.body);
    const cleared = out.cookies.find((c) => c.name === 'sb_session');
    assert.equal(cleared?.value, '');
    const me = await asSession(t.app, s, { method: 'GET', url: '/api/v1/auth/session' });
    assertProblem(me, 401, 'AUTH_REQUIRED');
  });

  test('an expired session answers AUTH_SESSION_EXPIRED', async () => {
    const s = await signIn(t.app, 'owner@acme.test');
    await t.database.db
      .updateTable('sessions')
      .set({ expires_at: new Date(Date.now() - 1000) })
      .where('user_id', '=', t.ws.owner.id)
      .execute();
    const me = await asSession(t.app, s, { method: 'GET', url: '/api/v1/auth/session' });
    assertProblem(me, 401, 'AUTH_SESSION_EXPIRED');
  });
});

describe('API tokens', () => {
  test('shown once, listed without secrets, revoked by owner or admin only', async () => {
    const created = await t.call(t.ws.agent.token, 'POST', '/api/v1/api-tokens', { name: 'zapier' });
    assert.equal(created.statusCode, 201, created.body);
    const { token, id, prefix } = created.json();
    assert.match(token, /^sbp_/);
    assert.ok(token.startsWith(prefix));

    const listed = await t.call(token, 'GET', '/api/v1/api-tokens');
    assert.equal(listed.statusCode, 200, listed.body);
    const mine = listed.json().data.find((x: { id: string }) => x.id === id);
    assert.deepEqual(Object.keys(mine).sort(), [
      'createdAt',
      'id',
      'lastUsedAt',
      'name',
      'prefix',
      'revokedAt',
      'userId',
    ]);
    assert.ok(!listed.body.includes(token), 'the secret never appears in a list');

    const tokensBefore = await countRows('api_tokens');
    const foreign = await t.call(t.ws.lightAgent.token, 'DELETE', `/api/v1/api-tokens/${id}`);
    assertProblem(foreign, 404, 'API_TOKEN_NOT_FOUND');
    assert.equal((await t.call(token, 'GET', '/api/v1/tickets')).statusCode, 200);

    const revoked = await t.call(t.ws.admin.token, 'DELETE', `/api/v1/api-tokens/${id}`);
    assert.equal(revoked.statusCode, 204, revoked.body);
    assert.equal(await countRows('api_tokens'), tokensBefore);
    assertProblem(await t.call(token, 'GET', '/api/v1/tickets'), 401, 'AUTH_INVALID_CREDENTIALS');
    const all = (await t.call(t.ws.admin.token, 'GET', '/api/v1/api-tokens?all=true')).json().data;
    assert.ok(all.find((x: { id: string }) => x.id === id).revokedAt);
  });

  test('an agent revokes its own token', async () => {
    const { token, id } = (
      await t.call(t.ws.agent.token, 'POST', '/api/v1/api-tokens', { name: 'cli' })
    ).json();
    assert.equal((await t.call(t.ws.agent.token, 'DELETE', `/api/v1/api-tokens/${id}`)).statusCode, 204);
    assertProblem(await t.call(token, 'GET', '/api/v1/tickets'), 401, 'AUTH_INVALID_CREDENTIALS');
  });
});

describe('roles', () => {
  test('a light agent reads and adds internal notes, nothing more', async () => {
    const ticket = await createTicket();
    const light = t.ws.lightAgent.token;
    assert.equal((await t.call(light, 'GET', `/api/v1/tickets/${ticket.id}`)).statusCode, 200);
    assert.equal((await t.call(light, 'GET', '/api/v1/tickets')).statusCode, 200);
    const note = await t.call(light, 'POST', `/api/v1/tickets/${ticket.id}/messages`, {
      visibility: 'internal',
      bodyText: 'Seen this before: password manager autofill.',
    });
    assert.equal(note.statusCode, 201, note.body);

    const messages = await countRows('messages');
    const tickets = await countRows('tickets');
    const version = (await t.call(light, 'GET', `/api/v1/tickets/${ticket.id}`)).json().version;
    const reply = await t.call(light, 'POST', `/api/v1/tickets/${ticket.id}/messages`, {
      bodyText: 'Try resetting it.',
    });
    assertProblem(reply, 403, 'AUTH_FORBIDDEN');
    const patch = await t.call(light, 'PATCH', `/api/v1/tickets/${ticket.id}`, { priority: 'high' });
    assertProblem(patch, 403, 'AUTH_FORBIDDEN');
    assertProblem(await t.call(light, 'POST', '/api/v1/tickets', newTicket), 403, 'AUTH_FORBIDDEN');
    assert.equal(await countRows('messages'), messages);
    assert.equal(await countRows('tickets'), tickets);
    const after = (await t.call(light, 'GET', `/api/v1/tickets/${ticket.id}`)).json();
    assert.equal(after.version, version);
    assert.equal(after.priority, 'normal');
  });

  test('only admins delete tickets', async () => {
    const ticket = await createTicket();
    const refused = await t.call(t.ws.agent.token, 'DELETE', `/api/v1/tickets/${ticket.id}`);
    assertProblem(refused, 403, 'AUTH_FORBIDDEN');
    assert.equal((await t.call(t.ws.agent.token, 'GET', `/api/v1/tickets/${ticket.id}`)).statusCode, 200);
    const deleted = await t.call(t.ws.admin.token, 'DELETE', `/api/v1/tickets/${ticket.id}`);
    assert.equal(deleted.statusCode, 204, deleted.body);
    const gone = await t.call(t.ws.agent.token, 'GET', `/api/v1/tickets/${ticket.id}`);
    assertProblem(gone, 404, 'TICKET_NOT_FOUND');
  });
});

describe('rate limits', () => {
  let limited: TestContext;
  before(async () => {
    limited = await createTestContext({
      SWITCHBOARD_LOGIN_RATE_LIMIT_PER_MINUTE: '3',
      SWITCHBOARD_RATE_LIMIT_PER_MINUTE: '5',
    });
  });
  after(async () => {
    await limited?.close();
  });

  test('sign-in attempts per address and email', async () => {
    for (let i = 0; i < 3; i++) {
      assertProblem(
        await postLogin(limited.app, 'agent@acme.test', 'guess'),
        401,
        'AUTH_INVALID_CREDENTIALS',
      );
    }
    const blocked = await postLogin(limited.app, 'agent@acme.test');
    assertProblem(blocked, 429, 'RATE_LIMITED');
    assert.ok(Number(blocked.headers['retry-after']) > 0, 'says when to retry');
    assert.match(blocked.json().detail, /retry in \d+ s/);
    const other = await postLogin(limited.app, 'admin@acme.test');
    assert.equal(other.statusCode, 200, 'another account is not locked out');
  });

  test('API requests per credential', async () => {
    const token = limited.ws.agent.token;
    for (let i = 0; i < 5; i++)
      assert.equal((await limited.call(token, 'GET', '/api/v1/tickets')).statusCode, 200);
    const blocked = await limited.call(token, 'GET', '/api/v1/tickets');
    assertProblem(blocked, 429, 'RATE_LIMITED');
    assert.ok(Number(blocked.headers['retry-after']) > 0);
    const other = await limited.call(limited.ws.admin.token, 'GET', '/api/v1/tickets');
    assert.equal(other.statusCode, 200, 'another token has its own budget');
  });
});
