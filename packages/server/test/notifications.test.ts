import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { drainInbox } from '../src/modules/automation/process-inbox.ts';
import { insertRuleSet } from './support/rules.ts';
import { createTestContext, type TestContext } from './support/test-app.ts';

let t: TestContext;
let ticketId: string;
let teamId: string;

type Notification = {
  id: string;
  ticketId: string;
  recipientKind: string;
  recipientId: string;
  recipientAddress: string | null;
  status: string;
};

/** One ticket whose creation rule notifies an agent, a team (the light agent's) and the requester. */
before(async () => {
  t = await createTestContext();
  const team = await t.call(t.ws.admin.token, 'POST', '/api/v1/teams', {
    name: 'Night shift',
    memberIds: [t.ws.lightAgent.id],
  });
  teamId = team.json().id;
  await insertRuleSet(t.database.db, t.ws.id, {
    kind: 'creation',
    rules: [
      {
        name: 'Announce outages',
        kind: 'creation',
        conditions: { all: [{ field: 'ticket.subject', operator: 'contains', value: 'outage' }] },
        actions: [
          { type: 'notify', target: 'agent', agentId: t.ws.agent.id, subject: 'Outage', body: 'Look now.' },
          { type: 'notify', target: 'team', teamId, subject: 'Outage', body: 'Team, look now.' },
          { type: 'notify', target: 'requester', subject: 'We are on it', body: 'Thanks for telling us.' },
        ],
      },
    ],
  });
  const created = await t.call(t.ws.agent.token, 'POST', '/api/v1/tickets', {
    subject: 'Total outage in Busan',
    requester: { email: 'ops@example.kr' },
    message: { bodyText: 'Nothing loads.' },
  });
  assert.equal(created.statusCode, 201, created.body);
  ticketId = created.json().id;
  await drainInbox({ ...t.deps, jobs: null });
});
after(async () => {
  await t?.close();
});

const list = async (token: string, url: string) => {
  const res = await t.call(token, 'GET', url);
  assert.equal(res.statusCode, 200, res.body);
  return res.json() as { data: Notification[]; nextCursor: string | null };
};

describe('the notification outbox', () => {
  test('admins see every notification; agents only theirs and their teams’', async () => {
    const all = await list(t.ws.admin.token, '/api/v1/notifications');
    assert.deepEqual(all.data.map((n) => n.recipientKind).sort(), ['agent', 'requester', 'team']);
    assert.ok(all.data.every((n) => n.ticketId === ticketId && n.status === 'pending'));
    const requester = all.data.find((n) => n.recipientKind === 'requester');
    assert.equal(requester?.recipientAddress, 'ops@example.kr');

    const mine = await list(t.ws.agent.token, '/api/v1/notifications');
    assert.deepEqual(
      mine.data.map((n) => [n.recipientKind, n.recipientId]),
      [['agent', t.ws.agent.id]],
    );
    const viaTeam = await list(t.ws.lightAgent.token, '/api/v1/notifications');
    assert.deepEqual(
      viaTeam.data.map((n) => [n.recipientKind, n.recipientId]),
      [['team', t.ws.lightAgent.id]],
    );
  });

  test('filters combine; pages run newest first and a forged cursor is refused', async () => {
    const requesters = await list(
      t.ws.admin.token,
      '/api/v1/notifications?recipientKind=requester&status=pending',
    );
    assert.equal(requesters.data.length, 1);
    const sent = await list(t.ws.admin.token, `/api/v1/notifications?status=sent&ticketId=${ticketId}`);
    assert.deepEqual(sent.data, []);

    const seen: string[] = [];
    let url = '/api/v1/notifications?limit=1';
    for (let i = 0; i < 5; i++) {
      const page = await list(t.ws.admin.token, url);
      seen.push(...page.data.map((n) => n.id));
      if (!page.nextCursor) break;
      url = `/api/v1/notifications?limit=1&cursor=${page.nextCursor}`;
    }
    const all = await list(t.ws.admin.token, '/api/v1/notifications');
    assert.deepEqual(
      seen,
      all.data.map((n) => n.id),
    );

    const forged = await t.call(t.ws.admin.token, 'GET', '/api/v1/notifications?cursor=bm9wZQ');
    assert.equal(forged.statusCode, 422);
    const bad = await t.call(t.ws.admin.token, 'GET', '/api/v1/notifications?recipientKind=everyone');
    assert.equal(bad.statusCode, 422);
  });

  test("a ticket's notifications, for anyone who can read the ticket", async () => {
    for (const token of [t.ws.admin.token, t.ws.agent.token, t.ws.lightAgent.token]) {
      const page = await list(token, `/api/v1/tickets/${ticketId}/notifications`);
      assert.equal(page.data.length, 3);
    }
    const pending = await list(t.ws.agent.token, `/api/v1/tickets/${ticketId}/notifications?status=skipped`);
    assert.deepEqual(pending.data, []);
    const missing = await t.call(t.ws.agent.token, 'GET', `/api/v1/tickets/${teamId}/notifications`);
    assert.equal(missing.statusCode, 404);
    assert.equal(missing.json().code, 'TICKET_NOT_FOUND');
  });

  test('another workspace sees none of them', async () => {
    const other = await t.addWorkspace('other-notices');
    assert.deepEqual((await list(other.admin.token, '/api/v1/notifications')).data, []);
    const res = await t.call(other.admin.token, 'GET', `/api/v1/tickets/${ticketId}/notifications`);
    assert.equal(res.statusCode, 404);
  });
});
