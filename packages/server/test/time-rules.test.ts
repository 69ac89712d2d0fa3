import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { CompiledQuery, sql } from 'kysely';
import { type App, buildApp } from '../src/app.ts';
import { drainInbox } from '../src/modules/automation/process-inbox.ts';
import { ticketHooks } from '../src/modules/automation/ticket-hooks.ts';
import { refreshTimeRuleTimers } from '../src/modules/time-rules/refresh-time-rule-timers.ts';
import { sweepTimeRules } from '../src/modules/time-rules/sweep-time-rules.ts';
import { dueTimersQuery } from '../src/modules/time-rules/time-rules.repository.ts';
import { manualClock } from '../src/platform/clock.ts';
import { insertRuleSet } from './support/rules.ts';
import { createTestContext, type TestContext, type TestWorkspace } from './support/test-app.ts';
import { testEngine } from './support/test-database.ts';

const hourMs = 3_600_000;
// A Wednesday; every scenario below moves this clock, the API's and the sweep's alike.
const clock = manualClock(new Date('2030-03-06T00:00:00Z'));
let t: TestContext;
let app: App;
before(async () => {
  t = await createTestContext();
  app = await buildApp({ ...t.deps, clock });
});
after(async () => {
  await app?.close();
  await t?.close();
});

const deps = () => ({ ...t.deps, clock, jobs: null });
const drain = () => drainInbox(deps(), { hooks: ticketHooks });
const sweep = () => sweepTimeRules(deps(), clock.now());

async function call(token: string, method: 'GET' | 'POST' | 'PATCH', url: string, body?: object) {
  const response = await app.inject({
    method,
    url,
    headers: { authorization: `Bearer ${token}` },
    ...(body ? { payload: body } : {}),
  });
  assert.ok(response.statusCode < 300, `${method} ${url}: ${response.body}`);
  return response.json();
}

async function createTicket(ws: TestWorkspace, subject: string): Promise<string> {
  const ticket = await call(ws.agent.token, 'POST', '/api/v1/tickets', {
    subject,
    requester: { email: `customer@${ws.slug}.example` },
    message: { bodyText: 'Hello, I need help.' },
  });
  return ticket.id;
}

const patch = (ws: TestWorkspace, id: string, body: object) =>
  call(ws.agent.token, 'PATCH', `/api/v1/tickets/${id}`, body);

async function messagesWith(ws: TestWorkspace, id: string, text: string) {
  const { data } = await call(ws.agent.token, 'GET', `/api/v1/tickets/${id}/messages`);
  return data.filter((m: { bodyText: string }) => m.bodyText.includes(text));
}

const timersOf = (ticketId: string) =>
  t.database.db.selectFrom('ticket_timers').selectAll().where('ticket_id', '=', ticketId).execute();

const pendingFor48Hours = (extra: object[] = [], hours = 48) => ({
  name: `Pending for ${hours} hours: remind the customer`,
  kind: 'time',
  conditions: {
    all: [
      { field: 'ticket.status', operator: 'is', value: 'pending' },
      { field: 'ticket.hoursSinceStatusChanged', operator: 'greater_than', value: hours },
      ...extra,
    ],
  },
  actions: [{ type: 'send_reply', body: 'Just checking in: do you still need help?' }],
});

describe('time rules', () => {
  test('pending for 48 hours reminds the customer once per pending spell', async () => {
    const ws = await t.addWorkspace('pending');
    const { ruleIds } = await insertRuleSet(t.database.db, ws.id, {
      kind: 'time',
      rules: [pendingFor48Hours()],
    });
    const id = await createTicket(ws, 'Waiting on you');
    clock.advance(hourMs);
    const pendingAt = clock.now();
    await patch(ws, id, { status: 'pending' });
    await drain();
    const [timer] = await timersOf(id);
    assert.equal(timer?.rule_id, ruleIds[0]);
    assert.equal(timer?.window_key, pendingAt.toISOString());
    assert.equal(timer?.due_at.getTime(), pendingAt.getTime() + 48 * hourMs + 1, 'greater_than: after 48 h');

    clock.set(new Date(pendingAt.getTime() + 48 * hourMs));
    assert.equal((await sweep()).fired, 0, 'exactly 48 h is not more than 48 h');
    assert.equal((await timersOf(id)).length, 1);
    clock.advance(60_000);
    assert.deepEqual(await sweep(), { tickets: 1, fired: 1, failures: [] });
    assert.equal((await messagesWith(ws, id, 'Just checking in')).length, 1);
    await drain();
    assert.equal((await timersOf(id)).length, 0, 'the window fired: no timer for it');
    clock.advance(24 * hourMs);
    assert.equal((await sweep()).tickets, 0);
    assert.equal((await messagesWith(ws, id, 'Just checking in')).length, 1, 'not again in the same window');

    await patch(ws, id, { status: 'open' });
    clock.advance(hourMs);
    await patch(ws, id, { status: 'pending' });
    await drain();
    clock.advance(48 * hourMs + 60_000);
    assert.equal((await sweep()).fired, 1, 'pending again: a new window');
    const reminders = await messagesWith(ws, id, 'Just checking in');
    assert.equal(reminders.length, 2);
    assert.equal(reminders[1].visibility, 'public');
    const firings = await t.database.db
      .selectFrom('time_rule_firings')
      .selectAll()
      .where('ticket_id', '=', id)
      .execute();
    assert.equal(new Set(firings.map((f) => f.window_key)).size, 2);
  });

  test('solved for 7 days closes the ticket, at exactly 7 days with greater_than_or_equal', async () => {
    const ws = await t.addWorkspace('solved');
    await insertRuleSet(t.database.db, ws.id, {
      kind: 'time',
      rules: [
        {
          name: 'Solved for 7 days: close',
          kind: 'time',
          conditions: {
            all: [
              { field: 'ticket.status', operator: 'is', value: 'solved' },
              { field: 'ticket.hoursSinceStatusChanged', operator: 'greater_than_or_equal', value: 168 },
            ],
          },
          actions: [{ type: 'set_status', status: 'closed' }],
        },
      ],
    });
    const id = await createTicket(ws, 'Fixed');
    await patch(ws, id, { status: 'solved' });
    await drain();
    clock.advance(168 * hourMs - 1);
    assert.equal((await sweep()).tickets, 0);
    clock.advance(1);
    assert.equal((await sweep()).fired, 1);
    const ticket = await call(ws.agent.token, 'GET', `/api/v1/tickets/${id}`);
    assert.equal(ticket.status, 'closed');
    const { data } = await call(ws.agent.token, 'GET', `/api/v1/tickets/${id}/timeline`);
    assert.ok(
      data.some(
        (e: { actorType: string; type: string }) => e.actorType === 'rule' && e.type === 'ticket.updated',
      ),
    );
    await drain();
    assert.equal((await timersOf(id)).length, 0, 'a closed ticket has no timers');
  });

  test('no agent reply for 12 business hours notifies the team lead, across a weekend', async () => {
    const ws = await t.addWorkspace('business');
    const calendarId = t.deps.ids.next();
    await t.database.db
      .insertInto('business_calendars')
      .values({
        id: calendarId,
        workspace_id: ws.id,
        name: 'Seoul office',
        time_zone: 'Asia/Seoul',
        weekly: JSON.stringify([1, 2, 3, 4, 5].map((day) => ({ day, start: '09:00', end: '18:00' }))),
        holidays: '[]',
        created_at: clock.now(),
        updated_at: clock.now(),
      })
      .execute();
    await sql`update workspaces set settings = settings || ${JSON.stringify({ businessCalendarId: calendarId })}::jsonb
      where id = ${ws.id}`.execute(t.database.db);
    await insertRuleSet(t.database.db, ws.id, {
      kind: 'time',
      rules: [
        {
          name: 'Unanswered for 12 business hours: tell the lead',
          kind: 'time',
          conditions: {
            all: [
              { field: 'ticket.status', operator: 'is', value: 'new' },
              { field: 'ticket.businessHoursSinceLastCustomerMessage', operator: 'greater_than', value: 12 },
            ],
          },
          actions: [
            {
              type: 'notify',
              target: 'agent',
              agentId: ws.admin.id,
              subject: 'Unanswered',
              body: 'Please look.',
            },
          ],
        },
      ],
    });
    const fridayAt14 = new Date('2030-04-05T05:00:00Z'); // in Seoul: 4 business hours today, 8 on Monday
    assert.ok(clock.now() < fridayAt14, 'the clock only moves forward');
    clock.set(fridayAt14);
    const id = await createTicket(ws, 'Nobody answers');
    await drain();
    const mondayAt17 = new Date('2030-04-08T08:00:00Z');
    assert.equal((await timersOf(id))[0]?.due_at.getTime(), mondayAt17.getTime() + 1);
    const notifications = () =>
      t.database.db.selectFrom('notifications').selectAll().where('ticket_id', '=', id).execute();
    for (const at of ['2030-04-06T05:00:00Z', '2030-04-08T07:59:00Z', '2030-04-08T08:00:00Z']) {
      clock.set(new Date(at));
      await sweep();
      assert.equal((await notifications()).length, 0, `nothing due at ${at}`);
    }
    clock.set(new Date('2030-04-08T08:01:00Z'));
    assert.equal((await sweep()).fired, 1);
    const [notification] = await notifications();
    assert.equal(notification?.recipient_id, ws.admin.id);
    assert.equal(notification?.subject, 'Unanswered');
  });

  test('a rule whose other conditions are false at due time does not fire until the ticket changes', async () => {
    const ws = await t.addWorkspace('falsy');
    const { ruleIds } = await insertRuleSet(t.database.db, ws.id, {
      kind: 'time',
      rules: [pendingFor48Hours([{ field: 'ticket.tags', operator: 'not_contains', value: 'no-reminder' }])],
    });
    const id = await createTicket(ws, 'Hold the reminder');
    await patch(ws, id, { status: 'pending', addTags: ['no-reminder'] });
    await drain();
    clock.advance(49 * hourMs);
    assert.deepEqual(await sweep(), { tickets: 1, fired: 0, failures: [] });
    assert.equal((await messagesWith(ws, id, 'Just checking in')).length, 0);
    assert.equal((await timersOf(id)).length, 0);
    const runs = await t.database.db
      .selectFrom('rule_runs')
      .selectAll()
      .where('ticket_id', '=', id)
      .execute();
    const timeRun = runs.find((r) => r.kind === 'time');
    assert.ok(timeRun);
    assert.deepEqual(
      (timeRun.results as { ruleId: string; outcome: string }[]).map((r) => [r.ruleId, r.outcome]),
      [[ruleIds[0], 'not_matched']],
    );
    assert.equal((await sweep()).tickets, 0, 'no timer until the ticket changes');

    await patch(ws, id, { removeTags: ['no-reminder'] });
    await drain();
    assert.equal((await sweep()).fired, 1, 'the same window, due again after the change');
    assert.equal((await messagesWith(ws, id, 'Just checking in')).length, 1);
  });

  test('two sweeps at once fire each due rule once per ticket', async () => {
    const ws = await t.addWorkspace('racing');
    await insertRuleSet(t.database.db, ws.id, { kind: 'time', rules: [pendingFor48Hours()] });
    const ids: string[] = [];
    for (let i = 0; i < 12; i++) ids.push(await createTicket(ws, `Race ${i}`));
    for (const id of ids) await patch(ws, id, { status: 'pending' });
    await drain();
    clock.advance(49 * hourMs);
    const [a, b] = await Promise.all([sweepTimeRules(deps(), clock.now(), 5), sweep()]);
    assert.equal((a?.fired ?? 0) + (b?.fired ?? 0), ids.length);
    for (const id of ids) assert.equal((await messagesWith(ws, id, 'Just checking in')).length, 1);
  });

  test('one sweep running small batches in parallel fires each due rule once per ticket', async () => {
    const ws = await t.addWorkspace('parallel');
    await insertRuleSet(t.database.db, ws.id, { kind: 'time', rules: [pendingFor48Hours()] });
    const ids: string[] = [];
    for (let i = 0; i < 10; i++) ids.push(await createTicket(ws, `Parallel ${i}`));
    for (const id of ids) await patch(ws, id, { status: 'pending' });
    await drain();
    clock.advance(49 * hourMs);
    const result = await sweepTimeRules(deps(), clock.now(), 1000, { concurrency: 4, batchSize: 3 });
    assert.deepEqual(result, { tickets: ids.length, fired: ids.length, failures: [] });
    for (const id of ids) {
      assert.equal((await messagesWith(ws, id, 'Just checking in')).length, 1);
      assert.equal((await timersOf(id)).length, 0);
    }
    // The counters, summed per batch, saw every evaluation once.
    const { data } = await call(ws.admin.token, 'GET', '/api/v1/rules/stats');
    assert.equal(data.length, 1);
    assert.equal(data[0].runs, ids.length);
    assert.equal(data[0].matches, ids.length);
  });

  test('a timer set before the threshold grew is put back at the new due instant, not fired early', async () => {
    const ws = await t.addWorkspace('grown');
    const { ruleIds } = await insertRuleSet(t.database.db, ws.id, {
      kind: 'time',
      rules: [pendingFor48Hours()],
    });
    const id = await createTicket(ws, 'Patience');
    await patch(ws, id, { status: 'pending' });
    await drain();
    const pendingAt = (await timersOf(id))[0]?.window_key ?? '';
    await t.database.db
      .updateTable('rules')
      .set({
        conditions: JSON.stringify(pendingFor48Hours([], 72).conditions),
        time_anchor: null,
        updated_at: clock.now(),
      })
      .where('id', '=', ruleIds[0]!)
      .execute();
    clock.advance(49 * hourMs);
    assert.deepEqual(await sweep(), { tickets: 1, fired: 0, failures: [] });
    const [timer] = await timersOf(id);
    assert.equal(timer?.due_at.getTime(), Date.parse(pendingAt) + 72 * hourMs + 1);
    clock.advance(24 * hourMs);
    assert.equal((await sweep()).fired, 1);
  });

  test('refreshTimeRuleTimers gives a new rule timers on tickets that were waiting before it', async () => {
    const ws = await t.addWorkspace('backfill');
    const id = await createTicket(ws, 'Solved long ago');
    await patch(ws, id, { status: 'solved' });
    await drain();
    const { ruleIds } = await insertRuleSet(t.database.db, ws.id, {
      kind: 'time',
      rules: [
        {
          name: 'Solved for 7 days: close',
          kind: 'time',
          conditions: {
            all: [{ field: 'ticket.hoursSinceStatusChanged', operator: 'greater_than', value: 168 }],
          },
          actions: [{ type: 'set_status', status: 'closed' }],
        },
      ],
    });
    assert.equal(await refreshTimeRuleTimers(t.database.db, { workspaceId: ws.id, ruleIds }), 1);
    clock.advance(169 * hourMs);
    assert.equal((await sweep()).fired, 1);
    assert.equal((await call(ws.agent.token, 'GET', `/api/v1/tickets/${id}`)).status, 'closed');
  });

  test('the sweep reads due timers through the ticket_timers_due index', {
    skip: testEngine !== 'postgres' && 'query plans are checked on PostgreSQL only',
  }, async () => {
    await t.database.db.transaction().execute(async (trx) => {
      // On a table this small a sequential scan may be cheaper and win; what is asserted is
      // that the query's filter and order can be served by the index at all (a query that
      // cannot, e.g. one filtering on an expression of due_at, would still scan the table).
      await sql`set local enable_seqscan = off`.execute(trx);
      const query = dueTimersQuery(trx, { now: clock.now(), limit: 100, skipTicketIds: [] }).compile();
      const explained = await trx.executeQuery<{ 'QUERY PLAN': string }>(
        CompiledQuery.raw(`explain ${query.sql}`, [...query.parameters]),
      );
      const plan = explained.rows.map((r) => r['QUERY PLAN']).join('\n');
      assert.match(plan, /Index Scan using ticket_timers_due/, plan);
    });
  });
});
