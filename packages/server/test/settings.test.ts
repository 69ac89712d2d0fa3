import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { defaultUrgentAcknowledgement } from '@switchboard/core';
import { loadWorkspaceAutomationSettings } from '../src/modules/automation/rule-facts.ts';
import { uuidV7Ids } from '../src/platform/ids.ts';
import { createTestContext, type TestContext } from './support/test-app.ts';

let t: TestContext;
before(async () => {
  t = await createTestContext();
});
after(async () => {
  await t?.close();
});

const url = '/api/v1/settings/automation';
const patch = (body: unknown, token = t.ws.admin.token) => t.call(token, 'PATCH', url, body);

const defaults = {
  locale: 'en',
  businessCalendarId: null,
  vipTeamId: null,
  urgentAlerts: {
    enabled: true,
    onDutyTeamId: null,
    raisePriority: true,
    acknowledgement: { enabled: true, text: defaultUrgentAcknowledgement },
  },
  thanks: { keepSolvedOnThanks: true, minConfidence: 0.9 },
  detectLanguage: true,
};

async function createTeam(name: string, token = t.ws.admin.token): Promise<string> {
  const res = await t.call(token, 'POST', '/api/v1/teams', { name });
  assert.equal(res.statusCode, 201, res.body);
  return res.json().id;
}

async function insertCalendar(workspaceId: string): Promise<string> {
  const id = uuidV7Ids.next();
  const now = new Date();
  await t.database.db
    .insertInto('business_calendars')
    .values({
      id,
      workspace_id: workspaceId,
      name: 'Seoul office',
      time_zone: 'Asia/Seoul',
      weekly: JSON.stringify({ mon: [{ start: '09:00', end: '18:00' }] }),
      holidays: '[]',
      created_at: now,
      updated_at: now,
    })
    .execute();
  return id;
}

describe('workspace automation settings', () => {
  test('a workspace that never saved settings reads the defaults, light agents included', async () => {
    const res = await t.call(t.ws.lightAgent.token, 'GET', url);
    assert.equal(res.statusCode, 200, res.body);
    assert.deepEqual(res.json(), defaults);
  });

  test('only admins change settings', async () => {
    for (const token of [t.ws.agent.token, t.ws.lightAgent.token]) {
      const res = await patch({ locale: 'ko' }, token);
      assert.equal(res.statusCode, 403);
      assert.equal(res.json().code, 'AUTH_FORBIDDEN');
    }
    assert.equal((await t.call(t.ws.owner.token, 'GET', url)).json().locale, 'en');
  });

  test('a PATCH merges nested keys, keeps other stored keys and records the change', async () => {
    await t.database.db
      .updateTable('workspaces')
      .set({ settings: JSON.stringify({ otherFeature: { on: true } }) })
      .where('id', '=', t.ws.id)
      .execute();
    const vip = await createTeam('VIP desk');
    const onDuty = await createTeam('On duty');
    const calendarId = await insertCalendar(t.ws.id);
    const res = await patch({
      locale: 'ko',
      businessCalendarId: calendarId,
      vipTeamId: vip,
      urgentAlerts: { onDutyTeamId: onDuty, acknowledgement: { enabled: false } },
      thanks: { minConfidence: 0.95 },
    });
    assert.equal(res.statusCode, 200, res.body);
    const expected = {
      ...defaults,
      locale: 'ko',
      businessCalendarId: calendarId,
      vipTeamId: vip,
      urgentAlerts: {
        ...defaults.urgentAlerts,
        onDutyTeamId: onDuty,
        acknowledgement: { enabled: false, text: defaultUrgentAcknowledgement },
      },
      thanks: { keepSolvedOnThanks: true, minConfidence: 0.95 },
    };
    assert.deepEqual(res.json(), expected);
    assert.deepEqual((await t.call(t.ws.agent.token, 'GET', url)).json(), expected);

    const stored = await t.database.db
      .selectFrom('workspaces')
      .select('settings')
      .where('id', '=', t.ws.id)
      .executeTakeFirstOrThrow();
    assert.deepEqual((stored.settings as Record<string, unknown>).otherFeature, { on: true });
    // The rules engine reads the same two keys.
    const ruleSettings = await loadWorkspaceAutomationSettings(t.database.db, t.ws.id);
    assert.equal(ruleSettings.locale, 'ko');
    assert.equal(ruleSettings.calendar.timeZone, 'Asia/Seoul');

    const events = await t.database.db
      .selectFrom('events')
      .selectAll()
      .where('workspace_id', '=', t.ws.id)
      .where('type', '=', 'workspace.settings_updated')
      .execute();
    assert.equal(events.length, 1);
    assert.equal(events[0]?.subject_id, t.ws.id);
    assert.equal(events[0]?.user_id, t.ws.admin.id);
    const { changes } = (events[0]?.data ?? {}) as {
      changes: Record<string, { from: unknown; to: unknown }>;
    };
    assert.deepEqual(Object.keys(changes).sort(), [
      'businessCalendarId',
      'locale',
      'thanks',
      'urgentAlerts',
      'vipTeamId',
    ]);
    assert.deepEqual(changes.locale, { from: 'en', to: 'ko' });

    const same = await patch({ locale: 'ko' });
    assert.equal(same.statusCode, 200);
    const cleared = await patch({
      vipTeamId: null,
      urgentAlerts: { acknowledgement: { text: 'Got it: #{{ticket.number}}' } },
    });
    assert.equal(cleared.statusCode, 200, cleared.body);
    assert.equal(cleared.json().vipTeamId, null);
    assert.deepEqual(cleared.json().urgentAlerts.acknowledgement, {
      enabled: false,
      text: 'Got it: #{{ticket.number}}',
    });
    const count = await t.database.db
      .selectFrom('events')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('workspace_id', '=', t.ws.id)
      .where('type', '=', 'workspace.settings_updated')
      .executeTakeFirstOrThrow();
    assert.equal(Number(count.n), 2, 'an unchanged PATCH records nothing');
  });

  test('unknown ids, bad placeholders and bad values answer 422 with pointers', async () => {
    const other = await t.addWorkspace('other-settings');
    const foreignCalendar = await insertCalendar(other.id);
    const foreignTeam = await createTeam('Elsewhere', other.admin.token);
    const missing = '00000000-0000-7000-8000-000000000000';
    const res = await patch({
      businessCalendarId: foreignCalendar,
      vipTeamId: missing,
      urgentAlerts: {
        onDutyTeamId: foreignTeam,
        acknowledgement: { text: { ko: '{{requester.nmae}}님 접수되었습니다', en: 'Hi {{requester.name}}' } },
      },
    });
    assert.equal(res.statusCode, 422, res.body);
    assert.equal(res.json().code, 'VALIDATION_FAILED');
    assert.deepEqual(
      res.json().errors.map((e: { pointer: string }) => e.pointer),
      [
        '/businessCalendarId',
        '/vipTeamId',
        '/urgentAlerts/onDutyTeamId',
        '/urgentAlerts/acknowledgement/text/ko',
      ],
    );
    const unknownCalendar = await patch({ businessCalendarId: missing });
    assert.equal(unknownCalendar.statusCode, 422);
    assert.deepEqual(unknownCalendar.json().errors, [
      { pointer: '/businessCalendarId', message: 'no such business calendar' },
    ]);
    for (const body of [
      { locale: 'ja' },
      { thanks: { minConfidence: 1.5 } },
      { urgentAlerts: { loud: true } },
      { somethingElse: 1 },
    ]) {
      const bad = await patch(body);
      assert.equal(bad.statusCode, 422, JSON.stringify(body));
    }
    assert.equal((await t.call(t.ws.admin.token, 'GET', url)).json().thanks.minConfidence, 0.95);
  });
});
