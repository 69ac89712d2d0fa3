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

const seoul = {
  name: 'Seoul office',
  timeZone: 'Asia/Seoul',
  weekly: [1, 2, 3, 4, 5].map((day) => ({ day, start: '09:00', end: '18:00' })),
  holidays: [{ date: '2030-03-01', name: '삼일절' }],
};

const pointersOf = (body: { errors?: { pointer: string }[] }) =>
  (body.errors ?? []).map((e) => e.pointer).sort();

describe('business calendars', () => {
  test('admins create, read, change and delete calendars; events record each change', async () => {
    const created = await t.call(t.ws.admin.token, 'POST', '/api/v1/business-calendars', seoul);
    assert.equal(created.statusCode, 201, created.body);
    const calendar = created.json();
    assert.equal(created.headers.location, `/api/v1/business-calendars/${calendar.id}`);
    assert.deepEqual(
      { name: calendar.name, timeZone: calendar.timeZone, holidays: calendar.holidays },
      { name: 'Seoul office', timeZone: 'Asia/Seoul', holidays: seoul.holidays },
    );
    const list = (await t.call(t.ws.lightAgent.token, 'GET', '/api/v1/business-calendars')).json();
    assert.deepEqual(
      list.data.map((c: { id: string }) => c.id),
      [calendar.id],
    );
    const denied = await t.call(t.ws.agent.token, 'PATCH', `/api/v1/business-calendars/${calendar.id}`, {
      name: 'x',
    });
    assert.equal(denied.statusCode, 403);
    const renamed = await t.call(t.ws.admin.token, 'PATCH', `/api/v1/business-calendars/${calendar.id}`, {
      name: 'Seoul HQ',
      weekly: [{ day: 6, start: '10:00', end: '14:00' }, ...seoul.weekly],
    });
    assert.equal(renamed.statusCode, 200, renamed.body);
    assert.equal(renamed.json().weekly.length, 6);
    const deleted = await t.call(t.ws.admin.token, 'DELETE', `/api/v1/business-calendars/${calendar.id}`);
    assert.equal(deleted.statusCode, 204);
    const gone = await t.call(t.ws.admin.token, 'GET', `/api/v1/business-calendars/${calendar.id}`);
    assert.equal(gone.statusCode, 404);
    assert.equal(gone.json().code, 'CALENDAR_NOT_FOUND');
    const events = await t.database.db
      .selectFrom('events')
      .select(['type', 'subject_type'])
      .where('subject_id', '=', calendar.id)
      .orderBy('id')
      .execute();
    assert.deepEqual(events, [
      { type: 'calendar.created', subject_type: 'calendar' },
      { type: 'calendar.updated', subject_type: 'calendar' },
      { type: 'calendar.deleted', subject_type: 'calendar' },
    ]);
  });

  test('invalid calendars are refused with a pointer for each problem', async () => {
    const bad = await t.call(t.ws.admin.token, 'POST', '/api/v1/business-calendars', {
      name: 'Broken',
      timeZone: 'Mars/Olympus_Mons',
      weekly: [
        { day: 1, start: '09:00', end: '18:00' },
        { day: 1, start: '17:00', end: '19:00' },
        { day: 2, start: '18:00', end: '09:00' },
      ],
    });
    assert.equal(bad.statusCode, 422);
    assert.equal(bad.json().code, 'VALIDATION_FAILED');
    assert.deepEqual(pointersOf(bad.json()), ['/timeZone', '/weekly/1', '/weekly/2/end']);

    const shape = await t.call(t.ws.admin.token, 'POST', '/api/v1/business-calendars', {
      ...seoul,
      weekly: [{ day: 7, start: '9am', end: '18:00' }],
      holidays: [{ date: '2030-02-30', name: 'Nope' }],
    });
    assert.equal(shape.statusCode, 422);
    assert.deepEqual(pointersOf(shape.json()), ['/holidays/0/date', '/weekly/0/day', '/weekly/0/start']);

    const calendar = (await t.call(t.ws.admin.token, 'POST', '/api/v1/business-calendars', seoul)).json();
    const emptied = await t.call(t.ws.admin.token, 'PATCH', `/api/v1/business-calendars/${calendar.id}`, {
      weekly: [],
    });
    assert.equal(emptied.statusCode, 422);
    assert.deepEqual(pointersOf(emptied.json()), ['/weekly']);
    assert.match(emptied.json().errors[0].message, /at least one working-hours window/);
  });

  test('status says whether the calendar is open and when that next changes', async () => {
    const calendar = (await t.call(t.ws.admin.token, 'POST', '/api/v1/business-calendars', seoul)).json();
    const status = (at: string) =>
      t.call(t.ws.lightAgent.token, 'GET', `/api/v1/business-calendars/${calendar.id}/status?at=${at}`);
    // Friday 2030-03-08 17:30 in Seoul.
    const friday = (await status('2030-03-08T08:30:00.000Z')).json();
    assert.deepEqual(friday, {
      at: '2030-03-08T08:30:00.000Z',
      isWithin: true,
      nextTransition: { kind: 'closes', at: '2030-03-08T09:00:00.000Z' },
    });
    const saturday = (await status('2030-03-09T03:00:00.000Z')).json();
    assert.equal(saturday.isWithin, false);
    assert.deepEqual(saturday.nextTransition, { kind: 'opens', at: '2030-03-11T00:00:00.000Z' });
    // 2030-03-01 (a Friday) is a holiday: the office opens on Monday the 4th.
    const holiday = (await status('2030-03-01T01:00:00.000Z')).json();
    assert.equal(holiday.isWithin, false);
    assert.equal(holiday.nextTransition.at, '2030-03-04T00:00:00.000Z');
    const badAt = await status('yesterday');
    assert.equal(badAt.statusCode, 422);
  });

  test('a calendar in use by a policy or the workspace settings cannot be deleted', async () => {
    const calendar = (await t.call(t.ws.admin.token, 'POST', '/api/v1/business-calendars', seoul)).json();
    const policy = (
      await t.call(t.ws.admin.token, 'POST', '/api/v1/sla-policies', {
        name: 'Office hours',
        targets: { normal: { firstResponseMinutes: 60 } },
        calendarId: calendar.id,
      })
    ).json();
    const url = `/api/v1/business-calendars/${calendar.id}`;
    const inUse = await t.call(t.ws.admin.token, 'DELETE', url);
    assert.equal(inUse.statusCode, 409);
    assert.equal(inUse.json().code, 'CALENDAR_IN_USE');
    assert.deepEqual(inUse.json().policyIds, [policy.id]);

    await t.call(t.ws.admin.token, 'PATCH', `/api/v1/sla-policies/${policy.id}`, { calendarId: null });
    await t.database.db
      .updateTable('workspaces')
      .set({ settings: sql`jsonb_set(settings, '{businessCalendarId}', to_jsonb(${calendar.id}::text))` })
      .where('id', '=', t.ws.id)
      .execute();
    const byDefault = await t.call(t.ws.admin.token, 'DELETE', url);
    assert.equal(byDefault.statusCode, 409);
    assert.equal(byDefault.json().isWorkspaceDefault, true);

    await t.database.db
      .updateTable('workspaces')
      .set({ settings: sql`settings - 'businessCalendarId'` })
      .where('id', '=', t.ws.id)
      .execute();
    assert.equal((await t.call(t.ws.admin.token, 'DELETE', url)).statusCode, 204);
  });

  test("another workspace's calendars answer 404", async () => {
    const other = await t.addWorkspace('cal-other');
    const calendar = (await t.call(t.ws.admin.token, 'POST', '/api/v1/business-calendars', seoul)).json();
    for (const method of ['GET', 'PATCH', 'DELETE'] as const) {
      const response = await t.call(
        other.admin.token,
        method,
        `/api/v1/business-calendars/${calendar.id}`,
        method === 'PATCH' ? { name: 'Mine now' } : undefined,
      );
      assert.equal(response.statusCode, 404, method);
    }
    const status = await t.call(other.admin.token, 'GET', `/api/v1/business-calendars/${calendar.id}/status`);
    assert.equal(status.statusCode, 404);
    assert.deepEqual(
      (await t.call(other.lightAgent.token, 'GET', '/api/v1/business-calendars')).json().data,
      [],
    );
  });
});
