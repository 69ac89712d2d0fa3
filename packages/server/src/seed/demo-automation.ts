/**
 * The demo workspace's automation, configured through the same commands as the admin API:
 * a Seoul business calendar, SLA policies, triage and follow-up rules, time rules, macros and
 * canned responses in Korean and English. It is added after the historical tickets were
 * replayed and their clocks computed, so the rules act on new activity only, as they would
 * for a team switching Switchboard on.
 */
import {
  createBusinessCalendarSchema,
  createCannedResponseSchema,
  createMacroSchema,
  createRuleSetSchema,
  createSlaPolicySchema,
} from '@switchboard/core';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { createCannedResponse } from '../modules/canned-responses/commands/create-canned-response.ts';
import { createMacro } from '../modules/macros/commands/create-macro.ts';
import { createRule } from '../modules/rules/commands/create-rule.ts';
import { createRuleSet } from '../modules/rules/commands/create-rule-set.ts';
import { updateAutomationSettings } from '../modules/settings/commands/update-automation-settings.ts';
import { createCalendar } from '../modules/sla/commands/create-calendar.ts';
import { createSlaPolicy } from '../modules/sla/commands/create-sla-policy.ts';
import type { Actor } from '../platform/actor.ts';
import type { Deps } from '../platform/deps.ts';
import { demoRules } from './demo-rules.ts';

export type DemoTeams = { tier1: string; billing: string; logistics: string; technical: string; vip: string };

/** Calendar, SLA policies and settings (urgent alerts off while history is processed). */
export async function seedDemoServiceLevels(deps: Deps, trx: Kysely<DB>, actor: Actor, teams: DemoTeams) {
  const calendar = await createCalendar(
    deps,
    trx,
    actor,
    createBusinessCalendarSchema.parse({
      name: '서울 고객센터 Seoul support hours',
      timeZone: 'Asia/Seoul',
      weekly: [1, 2, 3, 4, 5].map((day) => ({ day, start: '09:00', end: '18:00' })),
      holidays: [
        { date: '2026-12-25', name: '성탄절 Christmas' },
        { date: '2027-01-01', name: '신정 New Year' },
        { date: '2027-02-06', name: '설날 연휴 Seollal' },
        { date: '2027-02-07', name: '설날 Seollal' },
        { date: '2027-02-08', name: '설날 연휴 Seollal' },
      ],
    }),
  );
  await updateAutomationSettings(deps, trx, actor, {
    locale: 'ko',
    businessCalendarId: calendar.id,
    vipTeamId: teams.vip,
    urgentAlerts: { enabled: false, onDutyTeamId: teams.technical },
  });
  await createSlaPolicy(
    deps,
    trx,
    actor,
    createSlaPolicySchema.parse({
      name: 'VIP',
      conditions: { all: [{ field: 'requester.isVip', operator: 'is', value: true }] },
      targets: {
        urgent: { firstResponseMinutes: 15, nextResponseMinutes: 30, resolutionMinutes: 240 },
        high: { firstResponseMinutes: 30, nextResponseMinutes: 60, resolutionMinutes: 480 },
        normal: { firstResponseMinutes: 60, nextResponseMinutes: 120, resolutionMinutes: 960 },
        low: { firstResponseMinutes: 120, nextResponseMinutes: 240, resolutionMinutes: 1440 },
      },
      calendarId: null,
      warnBeforeMinutes: 10,
    }),
  );
  await createSlaPolicy(
    deps,
    trx,
    actor,
    createSlaPolicySchema.parse({
      name: '표준 Standard',
      targets: {
        urgent: { firstResponseMinutes: 60, resolutionMinutes: 480 },
        high: { firstResponseMinutes: 120, nextResponseMinutes: 240, resolutionMinutes: 960 },
        normal: { firstResponseMinutes: 480, nextResponseMinutes: 480, resolutionMinutes: 2400 },
        low: { firstResponseMinutes: 960, resolutionMinutes: 4800 },
      },
      calendarId: calendar.id,
      warnBeforeMinutes: 60,
    }),
  );
}

/** Rules, macros and canned responses; urgent alerts switched on. */
export async function seedDemoRules(deps: Deps, trx: Kysely<DB>, actor: Actor, teams: DemoTeams) {
  const canned = await createCannedResponse(
    deps,
    trx,
    actor,
    createCannedResponseSchema.parse({
      name: '환불 안내 Refund policy',
      shortcut: 'refund',
      visibility: 'shared',
      bodies: {
        ko: '{{requester.name}}님, 환불은 요청일로부터 영업일 기준 3~5일 안에 결제하신 수단으로 처리됩니다. 문의 번호 #{{ticket.number}}로 진행 상황을 알려 드리겠습니다.',
        en: 'Hi {{requester.name}}, refunds reach your original payment method within 3–5 business days. We will keep you posted on request #{{ticket.number}}.',
      },
    }),
  );
  await createCannedResponse(
    deps,
    trx,
    actor,
    createCannedResponseSchema.parse({
      name: '인사 Greeting',
      shortcut: 'hi',
      visibility: 'shared',
      bodies: {
        ko: '안녕하세요 {{requester.name}}님, 한빛스토어 고객센터입니다. 문의 주셔서 감사합니다.',
        en: 'Hi {{requester.name}}, thanks for contacting Hanbit Store support.',
      },
    }),
  );
  for (const set of demoRules(teams)) {
    const created = await createRuleSet(deps, trx, actor, createRuleSetSchema.parse(set.set));
    for (const rule of set.rules) await createRule(deps, trx, actor, { ...rule, ruleSetId: created.id });
  }
  await createMacro(
    deps,
    trx,
    actor,
    createMacroSchema.parse({
      name: '환불 완료 후 해결 Refund done and solve',
      visibility: 'shared',
      actions: [
        { type: 'send_reply', cannedResponseId: canned.id },
        { type: 'add_tags', tags: ['refund-done'] },
        { type: 'set_status', status: 'solved' },
      ],
    }),
  );
  await createMacro(
    deps,
    trx,
    actor,
    createMacroSchema.parse({
      name: '배송팀으로 이관 Escalate to logistics',
      visibility: 'shared',
      actions: [
        { type: 'set_team', teamId: teams.logistics },
        { type: 'add_note', body: { ko: '배송팀 확인 부탁드립니다.', en: 'Logistics, please take a look.' } },
        { type: 'set_status', status: 'open' },
      ],
    }),
  );
  await updateAutomationSettings(deps, trx, actor, { urgentAlerts: { enabled: true } });
}
