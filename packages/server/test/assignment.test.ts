/**
 * Assignment strategies as the rules engine applies them, with two automation workers
 * draining the inbox at the same time (on PostgreSQL they really run concurrently).
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { drainInbox } from '../src/modules/automation/process-inbox.ts';
import { insertRuleSet } from './support/rules.ts';
import { createTestContext, type TestContext } from './support/test-app.ts';

let t: TestContext;
let teamId: string;
const agents: { id: string; email: string }[] = [];

before(async () => {
  t = await createTestContext();
  const team = (await t.call(t.ws.admin.token, 'POST', '/api/v1/teams', { name: 'Rotation' })).json();
  teamId = team.id;
  for (const [i, spec] of [
    { name: '하나', languages: ['ko'], capacity: 100 },
    { name: 'Two', languages: ['en'], capacity: 100 },
    { name: '셋 Three', languages: ['ko', 'en'], capacity: 3 },
  ].entries()) {
    const res = await t.call(t.ws.admin.token, 'POST', '/api/v1/users', {
      email: `rot${i}@acme.test`,
      name: spec.name,
      role: 'agent',
      languages: spec.languages,
      capacity: spec.capacity,
      teamIds: [teamId],
    });
    assert.equal(res.statusCode, 201, res.body);
    agents.push(res.json());
    await t.database.db
      .updateTable('users')
      .set({ status: 'online' })
      .where('id', '=', res.json().id)
      .execute();
  }
});
after(async () => {
  await t?.close();
});

async function createTickets(n: number, subject: (i: number) => string) {
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const res = await t.call(t.ws.agent.token, 'POST', '/api/v1/tickets', {
      subject: subject(i),
      requester: { email: `cust${subject(i).length}-${i}-${Date.now()}@example.com` },
      message: { bodyText: subject(i) },
    });
    ids.push(res.json().id);
  }
  return ids;
}

async function assigneesOf(ids: string[]) {
  const rows = await t.database.db
    .selectFrom('tickets')
    .select(['id', 'assignee_id'])
    .where('id', 'in', ids)
    .execute();
  const counts = new Map<string | null, number>();
  for (const row of rows) counts.set(row.assignee_id, (counts.get(row.assignee_id) ?? 0) + 1);
  return counts;
}

const drainTwice = () =>
  Promise.all([drainInbox({ ...t.deps, jobs: null }), drainInbox({ ...t.deps, jobs: null })]);

describe('assignment strategies under concurrency', () => {
  test('round-robin is fair across two concurrent workers and capacity is respected', async () => {
    const { setId } = await insertRuleSet(t.database.db, t.ws.id, {
      kind: 'creation',
      rules: [
        {
          name: 'Rotate',
          kind: 'creation',
          conditions: { all: [{ field: 'ticket.subject', operator: 'starts_with', value: 'rr' }] },
          actions: [{ type: 'assign_by_strategy', strategy: 'round_robin', teamId }],
        },
      ],
    });
    const ids = await createTickets(21, (i) => `rr ticket ${i}`);
    await drainTwice();
    const counts = await assigneesOf(ids);
    assert.equal(counts.get(agents[2]!.id), 3, 'the agent with capacity 3 takes three, then is skipped');
    assert.equal(counts.get(agents[0]!.id), 9);
    assert.equal(counts.get(agents[1]!.id), 9);
    await t.database.db.updateTable('rule_sets').set({ enabled: false }).where('id', '=', setId).execute();
  });

  test('load-balanced gives each ticket to the least loaded available agent', async () => {
    await t.database.db
      .updateTable('users')
      .set({ status: 'offline' })
      .where('id', '=', agents[1]!.id)
      .execute();
    const { setId } = await insertRuleSet(t.database.db, t.ws.id, {
      kind: 'creation',
      rules: [
        {
          name: 'Balance',
          kind: 'creation',
          conditions: { all: [{ field: 'ticket.subject', operator: 'starts_with', value: 'lb' }] },
          actions: [{ type: 'assign_by_strategy', strategy: 'load_balanced', teamId }],
        },
      ],
    });
    const ids = await createTickets(6, (i) => `lb ticket ${i}`);
    await drainTwice();
    const counts = await assigneesOf(ids);
    assert.equal(counts.get(agents[1]!.id) ?? 0, 0, 'offline agents get nothing');
    assert.equal(counts.get(agents[2]!.id) ?? 0, 0, 'an agent at capacity gets nothing');
    assert.equal(counts.get(agents[0]!.id), 6);
    await t.database.db.updateTable('rule_sets').set({ enabled: false }).where('id', '=', setId).execute();
    await t.database.db
      .updateTable('users')
      .set({ status: 'online' })
      .where('id', '=', agents[1]!.id)
      .execute();
  });

  test('skill-based routes by the ticket language', async () => {
    await insertRuleSet(t.database.db, t.ws.id, {
      kind: 'creation',
      rules: [
        {
          name: 'Skills',
          kind: 'creation',
          conditions: { all: [{ field: 'ticket.subject', operator: 'contains', value: 'skill' }] },
          actions: [{ type: 'assign_by_strategy', strategy: 'skill_based', teamId }],
        },
      ],
    });
    const english = await createTickets(2, (i) => `skill question about my invoice number ${i}`);
    const korean = await createTickets(2, (i) => `skill 문의: 청구서 번호 ${i}번 확인 부탁드립니다`);
    await drainTwice();
    const en = await assigneesOf(english);
    const ko = await assigneesOf(korean);
    assert.deepEqual([...en.keys()], [agents[1]!.id], 'English goes to the English speaker with room');
    assert.deepEqual([...ko.keys()], [agents[0]!.id], 'Korean goes to the Korean speaker with room');
  });
});
