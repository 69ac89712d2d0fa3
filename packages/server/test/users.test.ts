import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createTestContext, TEST_PASSWORD, type TestContext } from './support/test-app.ts';

let t: TestContext;
before(async () => {
  t = await createTestContext();
});
after(async () => {
  await t?.close();
});

type Session = { cookie: string; csrf: string };

async function login(email: string, password = TEST_PASSWORD) {
  return t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password } });
}

async function signIn(email: string, password = TEST_PASSWORD): Promise<Session> {
  const res = await login(email, password);
  assert.equal(res.statusCode, 200, res.body);
  const cookie = [res.headers['set-cookie'] ?? []]
    .flat()
    .map((c) => c.split(';')[0] ?? '')
    .find((c) => c.startsWith('sb_session='));
  assert.ok(cookie);
  return { cookie, csrf: res.json().csrfToken };
}

function asSession(s: Session, method: 'GET' | 'POST' | 'PATCH', url: string, body?: object) {
  return t.app.inject({
    method,
    url,
    headers: { cookie: s.cookie, 'x-csrf-token': s.csrf },
    ...(body ? { payload: body } : {}),
  });
}

async function eventsOf(subjectId: string) {
  return t.deps.db
    .selectFrom('events')
    .select(['type', 'data', 'actor_type'])
    .where('subject_id', '=', subjectId)
    .orderBy('id')
    .execute();
}

let counter = 0;
async function newUser(body: Record<string, unknown> = {}, token = t.ws.owner.token) {
  counter += 1;
  const res = await t.call(token, 'POST', '/api/v1/users', {
    email: `user${counter}@acme.test`,
    name: `User ${counter}`,
    password: TEST_PASSWORD,
    ...body,
  });
  assert.equal(res.statusCode, 201, res.body);
  return res.json() as { id: string; email: string; role: string };
}

describe('reading users', () => {
  test('light agents list users without secrets, filtered by role, team and status', async () => {
    const res = await t.call(t.ws.lightAgent.token, 'GET', '/api/v1/users');
    assert.equal(res.statusCode, 200, res.body);
    const users = res.json().data;
    assert.ok(users.length >= 4);
    assert.ok(!res.body.includes('argon2') && !res.body.toLowerCase().includes('password'));
    const agent = users.find((u: { id: string }) => u.id === t.ws.agent.id);
    assert.equal(agent.role, 'agent');
    assert.equal(agent.status, 'offline');
    assert.deepEqual(agent.teamIds, []);
    assert.equal(agent.deactivatedAt, null);

    const admins = (await t.call(t.ws.agent.token, 'GET', '/api/v1/users?role=admin')).json().data;
    assert.deepEqual(
      admins.map((u: { id: string }) => u.id),
      [t.ws.admin.id],
    );
    const team = (
      await t.call(t.ws.admin.token, 'POST', '/api/v1/teams', { name: 'Billing', memberIds: [t.ws.agent.id] })
    ).json();
    const members = (await t.call(t.ws.agent.token, 'GET', `/api/v1/users?teamId=${team.id}`)).json().data;
    assert.deepEqual(
      members.map((u: { id: string; teamIds: string[] }) => [u.id, u.teamIds]),
      [[t.ws.agent.id, [team.id]]],
    );
    const online = await t.call(t.ws.agent.token, 'GET', '/api/v1/users?status=online');
    assert.deepEqual(online.json().data, []);
    const bad = await t.call(t.ws.agent.token, 'GET', '/api/v1/users?role=boss');
    assert.equal(bad.statusCode, 422);
  });

  test('one user by id, and the caller as /users/me', async () => {
    const one = await t.call(t.ws.lightAgent.token, 'GET', `/api/v1/users/${t.ws.admin.id}`);
    assert.equal(one.statusCode, 200, one.body);
    assert.equal(one.json().email, t.ws.admin.email);
    const me = await t.call(t.ws.agent.token, 'GET', '/api/v1/users/me');
    assert.equal(me.statusCode, 200, me.body);
    assert.equal(me.json().id, t.ws.agent.id);
    assert.equal(me.json().timeZone, 'UTC');
    const missing = await t.call(
      t.ws.agent.token,
      'GET',
      '/api/v1/users/00000000-0000-7000-8000-000000000000',
    );
    assert.equal(missing.statusCode, 404);
    assert.equal(missing.json().code, 'USER_NOT_FOUND');
  });
});

describe('creating users', () => {
  test('an admin adds an agent with skills and teams; the event is written', async () => {
    const team = (await t.call(t.ws.admin.token, 'POST', '/api/v1/teams', { name: 'Korea' })).json();
    const res = await t.call(t.ws.admin.token, 'POST', '/api/v1/users', {
      email: 'Jiwoo.Park@ACME.test',
      name: '박지우',
      role: 'agent',
      capacity: 8,
      languages: ['ko', 'en', 'ko'],
      topics: ['Refunds', 'shipping'],
      locale: 'ko',
      timeZone: 'Asia/Seoul',
      teamIds: [team.id],
    });
    assert.equal(res.statusCode, 201, res.body);
    const user = res.json();
    assert.equal(res.headers.location, `/api/v1/users/${user.id}`);
    assert.equal(user.email, 'jiwoo.park@acme.test');
    assert.deepEqual(user.languages, ['ko', 'en']);
    assert.deepEqual(user.topics, ['refunds', 'shipping']);
    assert.deepEqual(user.teamIds, [team.id]);
    assert.equal(user.capacity, 8);
    assert.equal(user.timeZone, 'Asia/Seoul');
    assert.equal(user.passwordHash, undefined);
    const events = await eventsOf(user.id);
    assert.deepEqual(
      events.map((e) => e.type),
      ['user.created'],
    );
    const stored = await t.deps.db
      .selectFrom('users')
      .select('password_hash')
      .where('id', '=', user.id)
      .executeTakeFirstOrThrow();
    assert.equal(stored.password_hash, null);
  });

  test('roles: agents cannot add users, admins cannot add owners or admins, owners can', async () => {
    const body = { email: 'new.admin@acme.test', name: 'New Admin', role: 'admin' };
    const byAgent = await t.call(t.ws.agent.token, 'POST', '/api/v1/users', { ...body, role: 'agent' });
    assert.equal(byAgent.statusCode, 403);
    assert.equal(byAgent.json().code, 'AUTH_FORBIDDEN');
    const byAdmin = await t.call(t.ws.admin.token, 'POST', '/api/v1/users', body);
    assert.equal(byAdmin.statusCode, 403);
    const owner = await t.call(t.ws.admin.token, 'POST', '/api/v1/users', { ...body, role: 'owner' });
    assert.equal(owner.statusCode, 403);
    const byOwner = await t.call(t.ws.owner.token, 'POST', '/api/v1/users', body);
    assert.equal(byOwner.statusCode, 201, byOwner.body);
    assert.equal(byOwner.json().role, 'admin');
  });

  test('invalid input and a taken email are refused with pointers', async () => {
    const res = await t.call(t.ws.admin.token, 'POST', '/api/v1/users', {
      email: 'short@acme.test',
      name: 'Short',
      password: 'too short',
      capacity: -1,
      languages: ['Korean'],
      timeZone: 'Mars/Olympus',
    });
    assert.equal(res.statusCode, 422);
    const pointers = res
      .json()
      .errors.map((e: { pointer: string }) => e.pointer)
      .sort();
    assert.deepEqual(pointers, ['/capacity', '/languages/0', '/password', '/timeZone']);
    const taken = await t.call(t.ws.admin.token, 'POST', '/api/v1/users', {
      email: t.ws.agent.email.toUpperCase(),
      name: 'Twin',
    });
    assert.equal(taken.statusCode, 409);
    assert.equal(taken.json().code, 'USER_EMAIL_TAKEN');
    assert.equal(taken.json().errors[0].pointer, '/email');
  });
});

describe('updating users', () => {
  test('an admin edits an agent; changes are recorded from/to', async () => {
    const user = await newUser({ role: 'agent' });
    const team = (await t.call(t.ws.admin.token, 'POST', '/api/v1/teams', { name: 'Returns' })).json();
    const res = await t.call(t.ws.admin.token, 'PATCH', `/api/v1/users/${user.id}`, {
      name: 'Renamed',
      capacity: 3,
      topics: ['returns'],
      teamIds: [team.id],
      role: 'light_agent',
    });
    assert.equal(res.statusCode, 200, res.body);
    const updated = res.json();
    assert.equal(updated.name, 'Renamed');
    assert.equal(updated.role, 'light_agent');
    assert.deepEqual(updated.teamIds, [team.id]);
    const event = (await eventsOf(user.id)).at(-1);
    assert.equal(event?.type, 'user.updated');
    assert.deepEqual((event?.data as { changes: Record<string, unknown> } | undefined)?.changes, {
      name: { from: user.email.replace(/^user(\d+)@.*$/, 'User $1'), to: 'Renamed' },
      role: { from: 'agent', to: 'light_agent' },
      capacity: { from: 20, to: 3 },
      topics: { from: [], to: ['returns'] },
      teamIds: { from: [], to: [team.id] },
    });
    const teamEvents = await eventsOf(team.id);
    assert.deepEqual(teamEvents.at(-1)?.data, { added: [user.id], removed: [] });
    const unknownTeam = await t.call(t.ws.admin.token, 'PATCH', `/api/v1/users/${user.id}`, {
      teamIds: ['00000000-0000-7000-8000-000000000000'],
    });
    assert.equal(unknownTeam.statusCode, 422);
    assert.equal(unknownTeam.json().errors[0].pointer, '/teamIds/0');
  });

  test('only owners grant or revoke admin and owner', async () => {
    const user = await newUser({ role: 'agent' });
    const promote = await t.call(t.ws.admin.token, 'PATCH', `/api/v1/users/${user.id}`, { role: 'admin' });
    assert.equal(promote.statusCode, 403);
    const makeOwner = await t.call(t.ws.admin.token, 'PATCH', `/api/v1/users/${user.id}`, { role: 'owner' });
    assert.equal(makeOwner.statusCode, 403);
    const demoteAdmin = await t.call(t.ws.admin.token, 'PATCH', `/api/v1/users/${t.ws.admin.id}`, {
      role: 'agent',
    });
    assert.equal(demoteAdmin.statusCode, 403);
    const ownerEmail = await t.call(t.ws.admin.token, 'PATCH', `/api/v1/users/${t.ws.owner.id}`, {
      email: 'takeover@acme.test',
    });
    assert.equal(ownerEmail.statusCode, 403);
    const byOwner = await t.call(t.ws.owner.token, 'PATCH', `/api/v1/users/${user.id}`, { role: 'admin' });
    assert.equal(byOwner.statusCode, 200, byOwner.body);
    assert.equal(byOwner.json().role, 'admin');
    const byAgent = await t.call(t.ws.agent.token, 'PATCH', `/api/v1/users/${user.id}`, { name: 'x' });
    assert.equal(byAgent.statusCode, 403);
  });

  test('the last active owner can be neither demoted nor deactivated', async () => {
    const demote = await t.call(t.ws.owner.token, 'PATCH', `/api/v1/users/${t.ws.owner.id}`, {
      role: 'admin',
    });
    assert.equal(demote.statusCode, 422);
    assert.equal(demote.json().code, 'USER_LAST_OWNER');
    const off = await t.call(t.ws.owner.token, 'POST', `/api/v1/users/${t.ws.owner.id}/deactivate`);
    assert.equal(off.statusCode, 422);
    assert.equal(off.json().code, 'USER_LAST_OWNER');

    const second = await newUser({ role: 'owner' });
    const demoteSecond = await t.call(t.ws.owner.token, 'PATCH', `/api/v1/users/${second.id}`, {
      role: 'agent',
    });
    assert.equal(demoteSecond.statusCode, 200, demoteSecond.body);
    assert.equal(demoteSecond.json().role, 'agent');
    const still = await t.call(t.ws.owner.token, 'GET', '/api/v1/users/me');
    assert.equal(still.json().role, 'owner');
  });

  test('agents set their own status, locale and time zone, but not their role', async () => {
    const res = await t.call(t.ws.lightAgent.token, 'PATCH', '/api/v1/users/me', {
      status: 'away',
      locale: 'ko',
      timeZone: 'Asia/Seoul',
    });
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.json().status, 'away');
    assert.equal(res.json().locale, 'ko');
    const event = (await eventsOf(t.ws.lightAgent.id)).at(-1);
    assert.deepEqual(event?.data, {
      changes: {
        status: { from: 'offline', to: 'away' },
        locale: { from: 'en', to: 'ko' },
        timeZone: { from: 'UTC', to: 'Asia/Seoul' },
      },
    });
    const role = await t.call(t.ws.lightAgent.token, 'PATCH', '/api/v1/users/me', { role: 'owner' });
    assert.equal(role.statusCode, 422);
    const zone = await t.call(t.ws.lightAgent.token, 'PATCH', '/api/v1/users/me', { timeZone: '+09:00' });
    assert.equal(zone.statusCode, 422);
    assert.equal(zone.json().errors[0].pointer, '/timeZone');
  });
});

describe('deactivation', () => {
  test('a deactivated user loses sessions, tokens and sign-in; reactivation restores sign-in', async () => {
    const user = await newUser({ role: 'agent' });
    const session = await signIn(user.email);
    const token = await t.call(t.ws.admin.token, 'POST', '/api/v1/api-tokens', {
      name: 'integration',
      userId: user.id,
    });
    assert.equal(token.statusCode, 201, token.body);
    const secret = token.json().token as string;
    assert.equal((await t.call(secret, 'GET', '/api/v1/users/me')).statusCode, 200);

    const off = await t.call(t.ws.admin.token, 'POST', `/api/v1/users/${user.id}/deactivate`);
    assert.equal(off.statusCode, 200, off.body);
    assert.ok(off.json().deactivatedAt);
    assert.equal((await asSession(session, 'GET', '/api/v1/users/me')).statusCode, 401);
    assert.equal((await t.call(secret, 'GET', '/api/v1/users/me')).statusCode, 401);
    assert.equal((await login(user.email)).statusCode, 401);
    const sessions = await t.deps.db
      .selectFrom('sessions')
      .select('id')
      .where('user_id', '=', user.id)
      .execute();
    assert.deepEqual(sessions, []);

    const listed = (await t.call(t.ws.agent.token, 'GET', '/api/v1/users')).json().data;
    assert.ok(!listed.some((u: { id: string }) => u.id === user.id));
    const all = (await t.call(t.ws.agent.token, 'GET', '/api/v1/users?includeDeactivated=true')).json().data;
    assert.ok(all.some((u: { id: string }) => u.id === user.id));

    const on = await t.call(t.ws.admin.token, 'POST', `/api/v1/users/${user.id}/reactivate`);
    assert.equal(on.statusCode, 200, on.body);
    assert.equal(on.json().deactivatedAt, null);
    assert.equal((await login(user.email)).statusCode, 200);
    assert.deepEqual(
      (await eventsOf(user.id)).map((e) => e.type),
      ['user.created', 'user.deactivated', 'user.reactivated'],
    );
  });

  test('admins cannot deactivate owners or admins', async () => {
    const res = await t.call(t.ws.admin.token, 'POST', `/api/v1/users/${t.ws.owner.id}/deactivate`);
    assert.equal(res.statusCode, 403);
    const byAgent = await t.call(t.ws.agent.token, 'POST', `/api/v1/users/${t.ws.lightAgent.id}/deactivate`);
    assert.equal(byAgent.statusCode, 403);
  });
});

describe('changing the own password', () => {
  test('works with the current password and signs out the other sessions', async () => {
    const user = await newUser({ role: 'light_agent' });
    const first = await signIn(user.email);
    const second = await signIn(user.email);
    const wrong = await asSession(first, 'POST', '/api/v1/users/me/password', {
      currentPassword: 'not my password',
      newPassword: 'a brand new passphrase',
    });
    assert.equal(wrong.statusCode, 422);
    assert.equal(wrong.json().errors[0].pointer, '/currentPassword');
    const short = await asSession(first, 'POST', '/api/v1/users/me/password', {
      currentPassword: TEST_PASSWORD,
      newPassword: 'short',
    });
    assert.equal(short.statusCode, 422);
    assert.equal(short.json().errors[0].pointer, '/newPassword');

    const noCsrf = await t.app.inject({
      method: 'POST',
      url: '/api/v1/users/me/password',
      headers: { cookie: first.cookie },
      payload: { currentPassword: TEST_PASSWORD, newPassword: 'a brand new passphrase' },
    });
    assert.equal(noCsrf.statusCode, 403);

    const ok = await asSession(first, 'POST', '/api/v1/users/me/password', {
      currentPassword: TEST_PASSWORD,
      newPassword: 'a brand new passphrase',
    });
    assert.equal(ok.statusCode, 204, ok.body);
    assert.equal(ok.body, '');
    assert.equal((await asSession(second, 'GET', '/api/v1/users/me')).statusCode, 401);
    assert.equal((await asSession(first, 'GET', '/api/v1/users/me')).statusCode, 200);
    assert.equal((await login(user.email)).statusCode, 401);
    assert.equal((await login(user.email, 'a brand new passphrase')).statusCode, 200);
    const event = (await eventsOf(user.id)).at(-1);
    assert.equal(event?.type, 'user.password_changed');
    assert.equal(event?.actor_type, 'agent');
    assert.ok(!JSON.stringify(event?.data).includes('passphrase'));
  });
});

describe('workspace isolation', () => {
  test("another workspace's users answer 404", async () => {
    const other = await t.addWorkspace('other-users');
    const token = t.ws.owner.token;
    assert.equal((await t.call(token, 'GET', `/api/v1/users/${other.agent.id}`)).statusCode, 404);
    assert.equal(
      (await t.call(token, 'PATCH', `/api/v1/users/${other.agent.id}`, { name: 'x' })).statusCode,
      404,
    );
    assert.equal((await t.call(token, 'POST', `/api/v1/users/${other.agent.id}/deactivate`)).statusCode, 404);
    assert.equal((await t.call(token, 'POST', `/api/v1/users/${other.agent.id}/reactivate`)).statusCode, 404);
    const listed = (await t.call(token, 'GET', '/api/v1/users?includeDeactivated=true')).json().data;
    assert.ok(listed.every((u: { email: string }) => u.email.endsWith('@acme.test')));
    const sameEmail = await t.call(other.admin.token, 'POST', '/api/v1/users', {
      email: t.ws.agent.email,
      name: 'Same address, other workspace',
    });
    assert.equal(sameEmail.statusCode, 201, sameEmail.body);
  });
});
