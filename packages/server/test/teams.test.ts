import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createTestContext, type TestContext } from './support/test-app.ts';

let t: TestContext;
before(async () => {
  t = await createTestContext();
});
after(async () => {
  await t?.close();
});

async function eventsOf(subjectId: string) {
  return t.deps.db
    .selectFrom('events')
    .select(['type', 'data'])
    .where('subject_id', '=', subjectId)
    .orderBy('id')
    .execute();
}

async function newTeam(body: Record<string, unknown>) {
  const res = await t.call(t.ws.admin.token, 'POST', '/api/v1/teams', body);
  assert.equal(res.statusCode, 201, res.body);
  return res.json() as { id: string; name: string; memberIds: string[] };
}

const ticketBody = (teamId: string) => ({
  subject: '배송이 늦어요',
  requester: { email: 'seoyeon@example.kr', name: '이서연' },
  message: { bodyText: '주문한 지 일주일이 지났어요.' },
  teamId,
});

describe('team lifecycle', () => {
  test('admins create, rename and describe teams; everyone reads them', async () => {
    const res = await t.call(t.ws.admin.token, 'POST', '/api/v1/teams', {
      name: ' Tier 1 ',
      description: 'First line',
      memberIds: [t.ws.agent.id, t.ws.lightAgent.id, t.ws.agent.id],
    });
    assert.equal(res.statusCode, 201, res.body);
    const team = res.json();
    assert.equal(res.headers.location, `/api/v1/teams/${team.id}`);
    assert.equal(team.name, 'Tier 1');
    assert.deepEqual(team.memberIds, [t.ws.agent.id, t.ws.lightAgent.id].sort());

    const list = await t.call(t.ws.lightAgent.token, 'GET', '/api/v1/teams');
    assert.equal(list.statusCode, 200);
    assert.ok(list.json().data.some((x: { id: string }) => x.id === team.id));
    const one = await t.call(t.ws.lightAgent.token, 'GET', `/api/v1/teams/${team.id}`);
    assert.deepEqual(one.json(), team);

    const renamed = await t.call(t.ws.admin.token, 'PATCH', `/api/v1/teams/${team.id}`, {
      name: 'Tier One',
      description: 'First line of support',
    });
    assert.equal(renamed.statusCode, 200, renamed.body);
    assert.equal(renamed.json().name, 'Tier One');
    assert.deepEqual(renamed.json().memberIds, team.memberIds);
    const agentView = (await t.call(t.ws.agent.token, 'GET', '/api/v1/users/me')).json();
    assert.ok(agentView.teamIds.includes(team.id));

    const events = await eventsOf(team.id);
    assert.deepEqual(
      events.map((e) => e.type),
      ['team.created', 'team.updated'],
    );
    assert.deepEqual(events[1]?.data, {
      changes: {
        name: { from: 'Tier 1', to: 'Tier One' },
        description: { from: 'First line', to: 'First line of support' },
      },
    });
  });

  test('light agents and agents cannot write teams', async () => {
    const team = await newTeam({ name: 'Read only' });
    for (const token of [t.ws.lightAgent.token, t.ws.agent.token]) {
      assert.equal((await t.call(token, 'POST', '/api/v1/teams', { name: 'Nope' })).statusCode, 403);
      assert.equal(
        (await t.call(token, 'PATCH', `/api/v1/teams/${team.id}`, { name: 'Nope' })).statusCode,
        403,
      );
      const members = await t.call(token, 'PUT', `/api/v1/teams/${team.id}/members`, { userIds: [] });
      assert.equal(members.statusCode, 403);
      assert.equal((await t.call(token, 'DELETE', `/api/v1/teams/${team.id}`)).statusCode, 403);
    }
  });

  test('team names are unique ignoring case', async () => {
    const team = await newTeam({ name: 'VIP Care' });
    const twin = await t.call(t.ws.admin.token, 'POST', '/api/v1/teams', { name: 'vip care' });
    assert.equal(twin.statusCode, 409);
    assert.equal(twin.json().code, 'TEAM_NAME_TAKEN');
    assert.equal(twin.json().errors[0].pointer, '/name');
    const other = await newTeam({ name: 'Escalations' });
    const rename = await t.call(t.ws.admin.token, 'PATCH', `/api/v1/teams/${other.id}`, { name: 'VIP CARE' });
    assert.equal(rename.statusCode, 409);
    assert.equal(rename.json().code, 'TEAM_NAME_TAKEN');
    const ownCase = await t.call(t.ws.admin.token, 'PATCH', `/api/v1/teams/${team.id}`, { name: 'VIP care' });
    assert.equal(ownCase.statusCode, 200, ownCase.body);
    const empty = await t.call(t.ws.admin.token, 'POST', '/api/v1/teams', { name: '  ' });
    assert.equal(empty.statusCode, 422);
    assert.equal(empty.json().errors[0].pointer, '/name');
  });

  test('PUT members replaces the membership and records who joined and left', async () => {
    const team = await newTeam({ name: 'Billing', memberIds: [t.ws.agent.id] });
    const res = await t.call(t.ws.admin.token, 'PUT', `/api/v1/teams/${team.id}/members`, {
      userIds: [t.ws.admin.id, t.ws.lightAgent.id],
    });
    assert.equal(res.statusCode, 200, res.body);
    assert.deepEqual(res.json().memberIds, [t.ws.admin.id, t.ws.lightAgent.id].sort());
    const members = (await t.call(t.ws.agent.token, 'GET', `/api/v1/users?teamId=${team.id}`)).json().data;
    assert.deepEqual(
      members.map((u: { id: string }) => u.id).sort(),
      [t.ws.admin.id, t.ws.lightAgent.id].sort(),
    );
    const event = (await eventsOf(team.id)).at(-1);
    assert.equal(event?.type, 'team.members_changed');
    assert.deepEqual(event?.data, {
      added: [t.ws.admin.id, t.ws.lightAgent.id].sort(),
      removed: [t.ws.agent.id],
      memberIds: [t.ws.admin.id, t.ws.lightAgent.id].sort(),
    });
    const unknown = await t.call(t.ws.admin.token, 'PUT', `/api/v1/teams/${team.id}/members`, {
      userIds: [t.ws.agent.id, '00000000-0000-7000-8000-000000000000'],
    });
    assert.equal(unknown.statusCode, 422);
    assert.equal(unknown.json().errors[0].pointer, '/userIds/1');
    const unchanged = (await t.call(t.ws.agent.token, 'GET', `/api/v1/teams/${team.id}`)).json();
    assert.deepEqual(unchanged.memberIds, [t.ws.admin.id, t.ws.lightAgent.id].sort());
  });

  test('deleting a team takes it off its tickets in the same write', async () => {
    const team = await newTeam({ name: 'Logistics', memberIds: [t.ws.agent.id] });
    const created = await t.call(t.ws.agent.token, 'POST', '/api/v1/tickets', ticketBody(team.id));
    assert.equal(created.statusCode, 201, created.body);
    const ticket = created.json();
    assert.equal(ticket.teamId, team.id);

    const res = await t.call(t.ws.admin.token, 'DELETE', `/api/v1/teams/${team.id}`);
    assert.equal(res.statusCode, 204, res.body);
    const after = (await t.call(t.ws.agent.token, 'GET', `/api/v1/tickets/${ticket.id}`)).json();
    assert.equal(after.teamId, null);
    assert.equal(after.version, ticket.version + 1);
    assert.equal((await t.call(t.ws.agent.token, 'GET', `/api/v1/teams/${team.id}`)).statusCode, 404);
    const me = (await t.call(t.ws.agent.token, 'GET', '/api/v1/users/me')).json();
    assert.ok(!me.teamIds.includes(team.id));
    const event = (await eventsOf(team.id)).at(-1);
    assert.equal(event?.type, 'team.deleted');
    assert.deepEqual(event?.data, { name: 'Logistics', memberIds: [t.ws.agent.id], ticketsCleared: 1 });
    const again = await t.call(t.ws.admin.token, 'DELETE', `/api/v1/teams/${team.id}`);
    assert.equal(again.statusCode, 404);
    assert.equal(again.json().code, 'TEAM_NOT_FOUND');
  });

  test('deactivated users stay in their teams but cannot join new ones', async () => {
    const user = (
      await t.call(t.ws.admin.token, 'POST', '/api/v1/users', { email: 'leaver@acme.test', name: 'Leaver' })
    ).json();
    const team = await newTeam({ name: 'Night shift', memberIds: [user.id] });
    await t.call(t.ws.admin.token, 'POST', `/api/v1/users/${user.id}/deactivate`);
    const keep = await t.call(t.ws.admin.token, 'PUT', `/api/v1/teams/${team.id}/members`, {
      userIds: [user.id, t.ws.agent.id],
    });
    assert.equal(keep.statusCode, 200, keep.body);
    const other = await t.call(t.ws.admin.token, 'POST', '/api/v1/teams', {
      name: 'Day shift',
      memberIds: [user.id],
    });
    assert.equal(other.statusCode, 422);
    assert.equal(other.json().errors[0].pointer, '/memberIds/0');
  });
});

describe('workspace isolation', () => {
  test("another workspace's teams answer 404 and its users cannot join", async () => {
    const other = await t.addWorkspace('other-teams');
    const foreign = (await t.call(other.admin.token, 'POST', '/api/v1/teams', { name: 'Billing' })).json();
    const token = t.ws.admin.token;
    assert.equal((await t.call(token, 'GET', `/api/v1/teams/${foreign.id}`)).statusCode, 404);
    assert.equal(
      (await t.call(token, 'PATCH', `/api/v1/teams/${foreign.id}`, { name: 'x' })).statusCode,
      404,
    );
    const put = await t.call(token, 'PUT', `/api/v1/teams/${foreign.id}/members`, { userIds: [] });
    assert.equal(put.statusCode, 404);
    assert.equal((await t.call(token, 'DELETE', `/api/v1/teams/${foreign.id}`)).statusCode, 404);
    const list = (await t.call(token, 'GET', '/api/v1/teams')).json().data;
    assert.ok(!list.some((x: { id: string }) => x.id === foreign.id));
    const join = await t.call(token, 'POST', '/api/v1/teams', { name: 'Mixed', memberIds: [other.agent.id] });
    assert.equal(join.statusCode, 422);
    assert.equal(join.json().errors[0].pointer, '/memberIds/0');
    const ticket = await t.call(t.ws.agent.token, 'POST', '/api/v1/tickets', ticketBody(foreign.id));
    assert.equal(ticket.statusCode, 422);
    assert.equal((await t.call(other.agent.token, 'GET', `/api/v1/teams/${foreign.id}`)).statusCode, 200);
  });
});
