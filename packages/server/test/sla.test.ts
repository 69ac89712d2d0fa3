import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type App, buildApp } from '../src/app.ts';
import { drainInbox } from '../src/modules/automation/process-inbox.ts';
import { ticketHooks } from '../src/modules/automation/ticket-hooks.ts';
import { slaTicketHook } from '../src/modules/sla/sla-ticket-hook.ts';
import { sweepSlas } from '../src/modules/sla/sweep-slas.ts';
import { manualClock } from '../src/platform/clock.ts';
import { insertRuleSet } from './support/rules.ts';
import { createTestContext, type TestContext, type TestWorkspace } from './support/test-app.ts';

const minuteMs = 60_000;
// Friday 17:30 in Seoul (UTC+9, no DST). The API, the inbox and the sweep all read this clock.
const friday1730Seoul = new Date('2030-03-08T08:30:00Z');
const clock = manualClock(friday1730Seoul);
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
const drain = () => drainInbox(deps(), { hooks: [slaTicketHook] });
const sweep = () => sweepSlas(deps(), clock.now());
const at = (start: Date, minutes: number) => new Date(start.getTime() + minutes * minuteMs);

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
const send = (token: string, method: Method, url: string, body?: object) =>
  app.inject({
    method,
    url: `/api/v1${url}`,
    headers: { authorization: `Bearer ${token}` },
    ...(body ? { payload: body } : {}),
  });
async function call(token: string, method: Method, url: string, body?: object) {
  const response = await send(token, method, url, body);
  assert.ok(response.statusCode < 300, `${method} ${url}: ${response.body}`);
  return response.statusCode === 204 ? null : response.json();
}

const seoulHours = {
  name: 'Seoul office',
  timeZone: 'Asia/Seoul',
  weekly: [1, 2, 3, 4, 5].map((day) => ({ day, start: '09:00', end: '18:00' })),
};

function policy(name: string, targets: object, extra: object = {}) {
  return { name, targets: { low: targets, normal: targets, high: targets, urgent: targets }, ...extra };
}

async function openTicket(ws: TestWorkspace, body: object = {}): Promise<string> {
  const ticket = await call(ws.agent.token, 'POST', '/tickets', {
    subject: 'A question about colours',
    requester: { email: `customer@${ws.slug}.example` },
    message: { bodyText: 'Please help.' },
    ...body,
  });
  await drain();
  return ticket.id;
}

const slaOf = (ws: TestWorkspace, ticketId: string) =>
  call(ws.lightAgent.token, 'GET', `/tickets/${ticketId}/sla`);
const storedSla = (ticketId: string) =>
  t.database.db.selectFrom('ticket_slas').selectAll().where('ticket_id', '=', ticketId).executeTakeFirst();
const slaEvents = (ticketId: string) =>
  t.database.db
    .selectFrom('events')
    .selectAll()
    .where('ticket_id', '=', ticketId)
    .where('type', 'like', 'sla.%')
    .orderBy('id')
    .execute();

describe('SLA policies API', () => {
  test('validates conditions, targets and calendar with pointers; admins write, light agents read', async () => {
    const ws = await t.addWorkspace('sla-api');
    const bad = await send(ws.admin.token, 'POST', '/sla-policies', {
      name: 'Broken',
      conditions: { all: [{ field: 'ticket.colour', operator: 'is', value: 'red' }] },
      targets: {},
      calendarId: '00000000-0000-7000-8000-000000000000',
    });
    assert.equal(bad.statusCode, 422);
    const pointers = bad
      .json()
      .errors.map((e: { pointer: string }) => e.pointer)
      .sort();
    assert.deepEqual(pointers, ['/calendarId', '/conditions/all/0/field', '/targets']);

    const denied = await send(
      ws.agent.token,
      'POST',
      '/sla-policies',
      policy('X', { firstResponseMinutes: 5 }),
    );
    assert.equal(denied.statusCode, 403);
    const gold = await call(ws.admin.token, 'POST', '/sla-policies', {
      ...policy('Gold', { firstResponseMinutes: 30 }),
      conditions: { all: [{ field: 'ticket.tags', operator: 'contains', value: 'Gold' }] },
      warnBeforeMinutes: 10,
    });
    assert.deepEqual(gold.conditions, {
      all: [{ field: 'ticket.tags', operator: 'contains', value: 'gold' }],
    });
    assert.equal(gold.position, 0);
    assert.equal(gold.calendarId, null);
    const standard = await call(ws.admin.token, 'POST', '/sla-policies', {
      name: 'Standard',
      targets: { normal: { resolutionMinutes: 600 } },
    });
    assert.equal(standard.position, 1);
    assert.deepEqual(standard.targets, { low: {}, normal: { resolutionMinutes: 600 }, high: {}, urgent: {} });

    const reordered = await call(ws.admin.token, 'PUT', '/sla-policies/order', {
      ids: [standard.id, gold.id],
    });
    assert.deepEqual(
      reordered.data.map((p: { name: string }) => p.name),
      ['Standard', 'Gold'],
    );
    const incomplete = await send(ws.admin.token, 'PUT', '/sla-policies/order', { ids: [gold.id] });
    assert.equal(incomplete.statusCode, 422);

    const patched = await call(ws.admin.token, 'PATCH', `/sla-policies/${gold.id}`, { enabled: false });
    assert.equal(patched.enabled, false);
    const badPatch = await send(ws.admin.token, 'PATCH', `/sla-policies/${gold.id}`, {
      warnBeforeMinutes: -1,
    });
    assert.equal(badPatch.statusCode, 422);
    const list = await call(ws.lightAgent.token, 'GET', '/sla-policies');
    assert.equal(list.data.length, 2);
    await call(ws.admin.token, 'DELETE', `/sla-policies/${gold.id}`);
    assert.equal((await send(ws.admin.token, 'GET', `/sla-policies/${gold.id}`)).statusCode, 404);
    const events = await t.database.db
      .selectFrom('events')
      .select('type')
      .where('subject_id', '=', gold.id)
      .orderBy('id')
      .execute();
    assert.deepEqual(
      events.map((e) => e.type),
      ['sla_policy.created', 'sla_policy.updated', 'sla_policy.deleted'],
    );
  });

  test('another workspace sees none of it', async () => {
    const ws = await t.addWorkspace('sla-mine');
    const other = await t.addWorkspace('sla-theirs');
    const calendar = await call(ws.admin.token, 'POST', '/business-calendars', seoulHours);
    const mine = await call(
      ws.admin.token,
      'POST',
      '/sla-policies',
      policy('Mine', { firstResponseMinutes: 60 }),
    );
    const ticketId = await openTicket(ws);
    for (const [method, url] of [
      ['GET', `/sla-policies/${mine.id}`],
      ['PATCH', `/sla-policies/${mine.id}`],
      ['DELETE', `/sla-policies/${mine.id}`],
      ['GET', `/tickets/${ticketId}/sla`],
    ] as const) {
      const response = await send(
        other.admin.token,
        method,
        url,
        method === 'PATCH' ? { name: 'x' } : undefined,
      );
      assert.equal(response.statusCode, 404, `${method} ${url}`);
    }
    const borrowing = await send(other.admin.token, 'POST', '/sla-policies', {
      ...policy('Borrow', { firstResponseMinutes: 60 }),
      calendarId: calendar.id,
    });
    assert.equal(borrowing.statusCode, 422);
    assert.equal(borrowing.json().errors[0].pointer, '/calendarId');
    assert.deepEqual((await call(other.admin.token, 'GET', '/sla-policies')).data, []);
    const theirTicket = await openTicket(other);
    assert.equal(await storedSla(theirTicket), undefined, 'my catch-all policy does not cover their tickets');
  });
});

describe('SLA clocks', () => {
  test('policies are chosen by conditions in position order; disabled ones are skipped', async () => {
    clock.set(friday1730Seoul);
    const ws = await t.addWorkspace('sla-choice');
    const urgent = await call(ws.admin.token, 'POST', '/sla-policies', {
      ...policy('Urgent', { firstResponseMinutes: 15 }),
      conditions: { all: [{ field: 'ticket.priority', operator: 'is', value: 'urgent' }] },
    });
    const vip = await call(ws.admin.token, 'POST', '/sla-policies', {
      ...policy('VIP', { firstResponseMinutes: 30 }),
      conditions: { all: [{ field: 'ticket.tags', operator: 'contains', value: 'vip' }] },
      enabled: false,
    });
    const rest = await call(
      ws.admin.token,
      'POST',
      '/sla-policies',
      policy('Rest', { firstResponseMinutes: 240 }),
    );
    const urgentTicket = await openTicket(ws, { priority: 'urgent' });
    const vipTicket = await openTicket(ws, { tags: ['vip'] });
    assert.equal((await storedSla(urgentTicket))?.policy_id, urgent.id);
    assert.equal((await storedSla(vipTicket))?.policy_id, rest.id, 'the VIP policy is disabled');

    await call(ws.admin.token, 'PATCH', `/sla-policies/${vip.id}`, { enabled: true });
    await call(ws.admin.token, 'PUT', '/sla-policies/order', { ids: [rest.id, urgent.id, vip.id] });
    assert.equal(await sweep(), 2, 'the new order is applied to tickets with clocks by the sweep');
    assert.equal((await storedSla(urgentTicket))?.policy_id, rest.id);
    await call(ws.admin.token, 'PUT', '/sla-policies/order', { ids: [vip.id, urgent.id, rest.id] });
    await sweep();
    assert.equal((await storedSla(vipTicket))?.policy_id, vip.id);
    assert.equal((await storedSla(urgentTicket))?.policy_id, urgent.id);

    await call(ws.admin.token, 'DELETE', `/sla-policies/${urgent.id}`);
    await drain();
    assert.equal(
      (await storedSla(urgentTicket))?.policy_id,
      rest.id,
      'a deleted policy hands its tickets on',
    );
    await call(ws.admin.token, 'PATCH', `/sla-policies/${rest.id}`, {
      conditions: { all: [{ field: 'ticket.channel', operator: 'is', value: 'phone' }] },
    });
    await sweep();
    assert.equal(
      await storedSla(urgentTicket),
      undefined,
      'no policy applies any more: the clocks are removed',
    );
    assert.equal((await slaOf(ws, urgentTicket)).policy, null);
  });

  test('first response is due in business hours: Friday 17:30 in Seoul plus one hour is Monday 09:30', async () => {
    clock.set(friday1730Seoul);
    const ws = await t.addWorkspace('sla-seoul');
    const calendar = await call(ws.admin.token, 'POST', '/business-calendars', seoulHours);
    const office = await call(ws.admin.token, 'POST', '/sla-policies', {
      ...policy('Office hours', { firstResponseMinutes: 60, resolutionMinutes: 9 * 60 }),
      calendarId: calendar.id,
    });
    const ticketId = await openTicket(ws);
    const sla = await slaOf(ws, ticketId);
    assert.deepEqual(sla.policy, { id: office.id, name: 'Office hours' });
    assert.equal(sla.firstResponse.status, 'active');
    assert.equal(sla.firstResponse.dueAt, '2030-03-11T00:30:00.000Z', 'Monday 09:30 KST');
    assert.equal(sla.resolution.dueAt, '2030-03-11T08:30:00.000Z', 'Monday 17:30 KST');
    assert.equal(sla.firstResponse.remainingBusinessMinutes, 60);
    assert.equal((await storedSla(ticketId))?.next_event_at?.toISOString(), '2030-03-11T00:30:00.000Z');

    // A holiday on Monday moves both to Tuesday once the sweep recomputes.
    clock.set(at(friday1730Seoul, 10));
    await call(ws.admin.token, 'PATCH', `/business-calendars/${calendar.id}`, {
      holidays: [{ date: '2030-03-11', name: 'Office closed' }],
    });
    assert.equal((await storedSla(ticketId))?.next_event_at?.toISOString(), clock.now().toISOString());
    assert.equal(await sweep(), 1);
    assert.equal((await storedSla(ticketId))?.next_event_at?.toISOString(), '2030-03-12T00:30:00.000Z');
    assert.equal((await slaOf(ws, ticketId)).firstResponse.remainingBusinessMinutes, 50);
  });

  test('clocks pause while pending and resume, keeping their elapsed time', async () => {
    const start = new Date('2030-03-06T00:00:00Z');
    clock.set(start);
    const ws = await t.addWorkspace('sla-pause');
    await call(ws.admin.token, 'POST', '/sla-policies', policy('24/7', { resolutionMinutes: 120 }));
    const ticketId = await openTicket(ws);
    clock.set(at(start, 30));
    await call(ws.agent.token, 'PATCH', `/tickets/${ticketId}`, { status: 'pending' });
    await drain();
    clock.set(at(start, 90));
    const paused = await slaOf(ws, ticketId);
    assert.equal(paused.resolution.status, 'paused');
    assert.equal(paused.resolution.dueAt, null);
    assert.equal(paused.resolution.remainingBusinessMinutes, 90);
    assert.equal((await storedSla(ticketId))?.next_event_at, null, 'nothing for the sweep while paused');

    await call(ws.agent.token, 'POST', `/tickets/${ticketId}/messages`, {
      author: 'requester',
      bodyText: 'Any news?',
    });
    await drain();
    const resumed = await slaOf(ws, ticketId);
    assert.equal(resumed.resolution.status, 'active');
    assert.equal(
      resumed.resolution.dueAt,
      at(start, 180).toISOString(),
      '30 minutes before the pause, 90 after',
    );
    assert.equal((await storedSla(ticketId))?.next_event_at?.toISOString(), at(start, 180).toISOString());
  });

  test('the sweep warns, then reports the breach once, and an update rule on sla.breached fires', async () => {
    const start = new Date('2030-03-06T00:00:00Z');
    clock.set(start);
    const ws = await t.addWorkspace('sla-breach');
    const gold = await call(ws.admin.token, 'POST', '/sla-policies', {
      ...policy('Gold', { firstResponseMinutes: 30 }),
      warnBeforeMinutes: 10,
    });
    const { ruleIds } = await insertRuleSet(t.database.db, ws.id, {
      kind: 'update',
      rules: [
        {
          name: 'SLA breached: tell the team lead',
          kind: 'update',
          events: ['sla.breached'],
          conditions: { all: [{ field: 'event.slaTarget', operator: 'is', value: 'first_response' }] },
          actions: [
            {
              type: 'notify',
              target: 'agent',
              agentId: ws.admin.id,
              subject: 'SLA breached on #{{ticket.number}}',
              body: 'First response is overdue.',
            },
          ],
        },
      ],
    });
    const ticketId = await openTicket(ws);
    assert.equal((await storedSla(ticketId))?.next_event_at?.toISOString(), at(start, 20).toISOString());

    clock.set(at(start, 19));
    assert.equal(await sweep(), 0, 'nothing is due yet');
    clock.set(at(start, 21));
    assert.equal(await sweep(), 1);
    await drain();
    assert.deepEqual(
      (await slaEvents(ticketId)).map((e) => [e.type, e.actor_type, e.data]),
      [
        [
          'sla.warning',
          'system',
          {
            metric: 'first_response',
            policyId: gold.id,
            at: at(start, 20).toISOString(),
            key: `${gold.id}:first_response:${start.toISOString()}:sla.warning`,
          },
        ],
      ],
    );
    assert.equal((await storedSla(ticketId))?.next_event_at?.toISOString(), at(start, 30).toISOString());

    clock.set(at(start, 31));
    assert.equal(await sweep(), 1);
    assert.equal(await sweep(), 0, 'a breach is swept once');
    await drain();
    clock.set(at(start, 90));
    assert.equal(await sweep(), 0);
    await call(ws.agent.token, 'POST', `/tickets/${ticketId}/messages`, { bodyText: 'Sorry for the wait!' });
    await drain();
    const events = await slaEvents(ticketId);
    assert.deepEqual(
      events.map((e) => e.type),
      ['sla.warning', 'sla.breached'],
    );
    assert.equal((events[1]?.data as { at?: string } | undefined)?.at, at(start, 30).toISOString());
    const sla = await slaOf(ws, ticketId);
    assert.equal(sla.firstResponse.status, 'breached');
    assert.equal(sla.firstResponse.metAt, at(start, 90).toISOString());

    const notes = await t.database.db
      .selectFrom('notifications')
      .selectAll()
      .where('workspace_id', '=', ws.id)
      .execute();
    assert.equal(notes.length, 1);
    assert.equal(notes[0]?.recipient_id, ws.admin.id);
    assert.match(notes[0]?.subject ?? '', /^SLA breached on #\d+$/);
    const stats = await t.database.db
      .selectFrom('rule_stats')
      .selectAll()
      .where('rule_id', '=', ruleIds[0]!)
      .executeTakeFirstOrThrow();
    assert.equal(Number(stats.matches), 1);
  });

  test('one sweep running small chunks in parallel reports each breach once', async () => {
    const start = new Date('2030-03-13T00:00:00Z');
    clock.set(start);
    const ws = await t.addWorkspace('sla-parallel');
    await call(ws.admin.token, 'POST', '/sla-policies', policy('Fast', { firstResponseMinutes: 30 }));
    const ids: string[] = [];
    for (let i = 0; i < 8; i++) ids.push(await openTicket(ws));
    clock.set(at(start, 31));
    const handled = await sweepSlas(deps(), clock.now(), 1000, { concurrency: 3, chunkSize: 2 });
    // Other tests' tickets in this database may be due too (the sweep spans workspaces).
    assert.ok(handled >= ids.length, `handled ${handled}`);
    for (const id of ids) {
      const breaches = (await slaEvents(id)).filter((e) => e.type === 'sla.breached');
      assert.equal(breaches.length, 1, `one breach for ${id}`);
    }
    assert.equal(await sweep(), 0, 'nothing left due');
  });

  test('a priority change recomputes the due time from the same start', async () => {
    const start = new Date('2030-03-06T00:00:00Z');
    clock.set(start);
    const ws = await t.addWorkspace('sla-priority');
    await call(ws.admin.token, 'POST', '/sla-policies', {
      name: 'By priority',
      targets: { normal: { firstResponseMinutes: 240 }, urgent: { firstResponseMinutes: 30 } },
    });
    const ticketId = await openTicket(ws);
    assert.equal((await slaOf(ws, ticketId)).firstResponse.dueAt, at(start, 240).toISOString());
    clock.set(at(start, 10));
    await call(ws.agent.token, 'PATCH', `/tickets/${ticketId}`, { priority: 'urgent' });
    await drain();
    assert.equal((await slaOf(ws, ticketId)).firstResponse.dueAt, at(start, 30).toISOString());
    assert.equal((await storedSla(ticketId))?.next_event_at?.toISOString(), at(start, 30).toISOString());

    const late = await openTicket(ws);
    clock.set(at(start, 60));
    await call(ws.agent.token, 'PATCH', `/tickets/${late}`, { priority: 'urgent' });
    await drain();
    const breaches = await slaEvents(late);
    assert.deepEqual(
      breaches.map((e) => [e.type, (e.data as { at: string }).at]),
      [['sla.breached', at(start, 40).toISOString()]],
      'raising the priority past the target breaches at once, as of when it was due',
    );
  });

  test('changing a policy recomputes the due times of its open tickets', async () => {
    const start = new Date('2030-03-06T00:00:00Z');
    clock.set(start);
    const ws = await t.addWorkspace('sla-edit');
    const standard = await call(
      ws.admin.token,
      'POST',
      '/sla-policies',
      policy('Standard', { firstResponseMinutes: 60 }),
    );
    const open = await openTicket(ws);
    const solved = await openTicket(ws);
    await call(ws.agent.token, 'PATCH', `/tickets/${solved}`, { status: 'solved' });
    await drain();
    clock.set(at(start, 5));
    await call(ws.admin.token, 'PATCH', `/sla-policies/${standard.id}`, { name: 'Renamed' });
    assert.equal((await storedSla(open))?.next_event_at?.toISOString(), at(start, 60).toISOString());
    await call(ws.admin.token, 'PATCH', `/sla-policies/${standard.id}`, {
      targets: { normal: { firstResponseMinutes: 120 } },
    });
    assert.equal(await sweep(), 1, 'only the unsolved ticket is recomputed');
    assert.equal((await storedSla(open))?.next_event_at?.toISOString(), at(start, 120).toISOString());
    assert.equal((await slaOf(ws, open)).firstResponse.targetMinutes, 120);
  });

  test('apply_sla_policy pins a policy that conditions would not choose', async () => {
    clock.set(new Date('2030-03-06T00:00:00Z'));
    const ws = await t.addWorkspace('sla-pin');
    await call(ws.admin.token, 'POST', '/sla-policies', policy('Everyone', { firstResponseMinutes: 240 }));
    const premium = await call(ws.admin.token, 'POST', '/sla-policies', {
      ...policy('Premium', { firstResponseMinutes: 15 }),
      enabled: false,
    });
    await insertRuleSet(t.database.db, ws.id, {
      kind: 'creation',
      rules: [
        {
          name: 'Premium customers',
          kind: 'creation',
          conditions: { all: [{ field: 'ticket.subject', operator: 'contains', value: 'premium' }] },
          actions: [{ type: 'apply_sla_policy', policyId: premium.id }],
        },
      ],
    });
    const ticketId = await openTicket(ws, { subject: 'Premium account locked' });
    await call(ws.agent.token, 'PATCH', `/tickets/${ticketId}`, { priority: 'high' });
    await drain();
    const sla = await slaOf(ws, ticketId);
    assert.deepEqual(sla.policy, { id: premium.id, name: 'Premium' });
    assert.equal(sla.pinned, true);
    assert.equal(sla.firstResponse.targetMinutes, 15);
    const other = await openTicket(ws, { subject: 'Regular question' });
    assert.equal((await slaOf(ws, other)).policy.name, 'Everyone');
  });

  test('the automation hooks include the SLA hook', () => {
    assert.ok(ticketHooks.includes(slaTicketHook));
  });
});
