import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { drainInbox } from '../src/modules/automation/process-inbox.ts';
import { createTestContext, type TestContext } from './support/test-app.ts';

let t: TestContext;
const tickets: { id: string; number: number; subject: string }[] = [];
let savedRuleId: string;

const admin = () => t.ws.admin.token;
const preview = (body: Record<string, unknown>, token = admin()) =>
  t.call(token, 'POST', '/api/v1/rules/preview', body);

const refundRule = {
  name: 'Refunds are urgent',
  kind: 'creation',
  conditions: { all: [{ field: 'ticket.subject', operator: 'contains', value: 'refund' }] },
  actions: [
    { type: 'add_tags', tags: ['Refund'] },
    { type: 'set_priority', priority: 'urgent' },
  ],
};

before(async () => {
  t = await createTestContext();
  const set = (
    await t.call(admin(), 'POST', '/api/v1/rule-sets', { name: 'Triage', kind: 'creation' })
  ).json();
  const saved = await t.call(admin(), 'POST', '/api/v1/rules', {
    ruleSetId: set.id,
    name: 'Tag refunds',
    kind: 'creation',
    conditions: refundRule.conditions,
    actions: [{ type: 'add_tags', tags: ['refund'] }],
  });
  assert.equal(saved.statusCode, 201, saved.body);
  savedRuleId = saved.json().id;
  for (const subject of [
    'Refund for order 1',
    'Parcel late',
    'Refund please',
    'Login broken',
    'REFUND now',
  ]) {
    const res = await t.call(t.ws.agent.token, 'POST', '/api/v1/tickets', {
      subject,
      requester: { email: 'preview@example.com' },
      message: { bodyText: 'Details inside.' },
    });
    tickets.unshift(res.json());
  }
  await drainInbox({ ...t.deps, jobs: null });
});
after(async () => {
  await t?.close();
});

const countedTables = [
  'tickets',
  'messages',
  'events',
  'rule_runs',
  'rule_stats',
  'notifications',
  'automation_inbox',
] as const;

async function rowCounts() {
  const counts: Record<string, number> = {};
  for (const table of countedTables) {
    const row = await t.database.db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    counts[table] = Number(row.n);
  }
  return counts;
}

describe('rule preview', () => {
  test('an unsaved rule: which past tickets it would match and what it would do, changing nothing', async () => {
    const before = await rowCounts();
    const ticketsBefore = (await t.call(admin(), 'GET', '/api/v1/tickets')).json().data;
    const res = await preview({ rule: refundRule });
    assert.equal(res.statusCode, 200, res.body);
    const body = res.json();
    assert.equal(body.evaluated, 5);
    assert.equal(body.matched, 3);
    assert.deepEqual(
      body.tickets.map((x: { number: number }) => x.number),
      tickets.filter((x) => /refund/i.test(x.subject)).map((x) => x.number),
      'newest first',
    );
    assert.deepEqual(body.tickets[0].effects, [
      { type: 'add_tags', tags: ['refund'] },
      { type: 'set_priority', priority: 'urgent' },
    ]);
    assert.equal(body.tickets[0].trace[0].field, 'ticket.subject');
    assert.equal(body.tickets[0].trace[0].result, true);

    assert.deepEqual(await rowCounts(), before);
    assert.deepEqual((await t.call(admin(), 'GET', '/api/v1/tickets')).json().data, ticketsBefore);
  });

  test('a saved rule by id, a limit, and chosen tickets with their traces', async () => {
    const saved = (await preview({ ruleId: savedRuleId })).json();
    assert.equal(saved.matched, 3);
    assert.deepEqual(saved.tickets[0].effects, [{ type: 'add_tags', tags: ['refund'] }]);
    const limited = (await preview({ ruleId: savedRuleId, limit: 2 })).json();
    assert.equal(limited.evaluated, 2);
    assert.equal(limited.matched, 1, 'REFUND now and Login broken are the newest two');

    const [newest, second] = tickets;
    const chosen = (await preview({ rule: refundRule, ticketIds: [second!.id, newest!.id] })).json();
    assert.equal(chosen.evaluated, 2);
    assert.deepEqual(
      chosen.tickets.map((x: { ticketId: string; matched: boolean }) => [x.ticketId, x.matched]),
      [
        [newest!.id, true],
        [second!.id, false],
      ],
    );
    assert.equal(chosen.tickets[1].trace[0].actual, 'Login broken');
    assert.deepEqual(chosen.tickets[1].effects, []);
    const since = (
      await preview({ rule: refundRule, since: new Date(Date.now() + 60_000).toISOString() })
    ).json();
    assert.equal(since.evaluated, 0);
  });

  test('update rules see the latest triggering event; time rules the ticket as it is now', async () => {
    const target = tickets[1]!;
    const patched = await t.call(t.ws.agent.token, 'PATCH', `/api/v1/tickets/${target.id}`, {
      priority: 'urgent',
    });
    assert.equal(patched.statusCode, 200, patched.body);
    const before = await rowCounts();
    const update = (
      await preview({
        rule: {
          name: 'Urgent escalation',
          kind: 'update',
          conditions: { all: [{ field: 'ticket.priority', operator: 'changed_to', value: 'urgent' }] },
          actions: [{ type: 'add_note', body: 'Escalated.' }],
        },
      })
    ).json();
    assert.deepEqual(
      update.tickets.map((x: { ticketId: string }) => x.ticketId),
      [target.id],
    );
    assert.equal(update.tickets[0].effects[0].type, 'add_note');
    const time = (rule: { operator: string; value: number }) =>
      preview({
        rule: {
          name: 'Old tickets',
          kind: 'time',
          conditions: { all: [{ field: 'ticket.hoursSinceCreated', ...rule }] },
          actions: [{ type: 'set_status', status: 'closed' }],
        },
      });
    const young = (await time({ operator: 'greater_than', value: 1000 })).json();
    assert.deepEqual([young.evaluated, young.matched], [5, 0]);
    const all = (await time({ operator: 'greater_than_or_equal', value: 0 })).json();
    assert.deepEqual([all.evaluated, all.matched], [5, 5]);
    assert.deepEqual(await rowCounts(), before);
  });

  test('an unsaved rule is validated as on save, under /rule', async () => {
    const res = await preview({
      rule: {
        ...refundRule,
        conditions: { all: [{ field: 'ticket.nope', operator: 'is', value: 'x' }] },
        actions: [{ type: 'set_team', teamId: '01900000-0000-7000-8000-000000000000' }],
      },
    });
    assert.equal(res.statusCode, 422);
    assert.deepEqual(
      res
        .json()
        .errors.map((e: { pointer: string }) => e.pointer)
        .sort(),
      ['/rule/actions/0/teamId', '/rule/conditions/all/0/field'],
    );
    assert.equal((await preview({ ruleId: savedRuleId, rule: refundRule })).statusCode, 422);
    assert.equal((await preview({})).statusCode, 422);
    const tooMany = await preview({ ruleId: savedRuleId, limit: 5001 });
    assert.equal(tooMany.statusCode, 422);
    assert.equal(tooMany.json().errors[0].pointer, '/limit');
  });

  test('admins only, and only their own rules', async () => {
    assert.equal((await preview({ ruleId: savedRuleId }, t.ws.agent.token)).statusCode, 403);
    assert.equal((await preview({ ruleId: savedRuleId }, t.ws.lightAgent.token)).statusCode, 403);
    const other = await t.addWorkspace('elsewhere');
    const res = await preview({ ruleId: savedRuleId }, other.admin.token);
    assert.equal(res.statusCode, 404);
    assert.equal(res.json().code, 'RULE_NOT_FOUND');
    const theirs = (await preview({ rule: refundRule }, other.admin.token)).json();
    assert.deepEqual([theirs.evaluated, theirs.matched], [0, 0]);
  });
});
