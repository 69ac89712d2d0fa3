import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { BusinessCalendar } from '../time/business-calendar.ts';
import { computeSlaClocks, type SlaClocks } from './compute-sla-clocks.ts';
import type { SlaPolicy } from './sla-policy.ts';
import { kst, seoulDesk, standardPolicy, ticketHistory } from './test-tickets.ts';
import { type ClockView, viewOf } from './test-view.ts';
import type { SlaTicketHistory } from './ticket-timeline.ts';

type Case = {
  name: string;
  ticket: SlaTicketHistory;
  now: string;
  policy?: SlaPolicy;
  calendar?: BusinessCalendar;
  firstResponse?: ClockView;
  nextResponse?: ClockView;
  resolution?: ClockView;
  nextResponseBreaches?: ClockView[];
};

// All times are Seoul local; the desk is open Mon-Fri 09:00-18:00 (9 h a day) and
// 2024-09-02 is a Monday. Normal priority: first 240, next 480, resolution 2,400 minutes.
const mondayTen = '2024-09-02 10:00';

const cases: Case[] = [
  {
    name: 'a new ticket runs all clocks',
    ticket: ticketHistory(mondayTen),
    now: '2024-09-02 11:00',
    firstResponse: {
      status: 'active',
      startedAt: mondayTen,
      dueAt: '2024-09-02 14:00',
      warnAt: '2024-09-02 13:30',
      elapsed: 60,
      remaining: 180,
    },
    nextResponse: { status: 'none', startedAt: null, dueAt: null },
    // 40 h: Mon 8 + Tue 9 + Wed 9 + Thu 9 + Fri 5.
    resolution: { status: 'active', dueAt: '2024-09-06 14:00', warnAt: '2024-09-06 13:30', elapsed: 60 },
  },
  {
    name: 'created late on Friday, due on Monday',
    ticket: ticketHistory('2024-09-06 17:00'),
    now: '2024-09-06 17:30',
    firstResponse: { status: 'active', dueAt: '2024-09-09 12:00', elapsed: 30 },
  },
  {
    name: 'created before Chuseok, due after it',
    ticket: ticketHistory('2024-09-13 17:00'),
    now: '2024-09-14 10:00',
    firstResponse: { status: 'active', dueAt: '2024-09-19 12:00', elapsed: 60 },
  },
  {
    name: 'a reply before due meets first response',
    ticket: ticketHistory(mondayTen, [{ at: '2024-09-02 12:00', agent: true }]),
    now: '2024-09-02 15:00',
    firstResponse: {
      status: 'met',
      metAt: '2024-09-02 12:00',
      dueAt: '2024-09-02 14:00',
      warnAt: null,
      breachedAt: null,
      elapsed: 120,
    },
  },
  {
    name: 'a late reply is a breach that records when it was met',
    ticket: ticketHistory(mondayTen, [{ at: '2024-09-02 15:00', agent: true }]),
    now: '2024-09-02 16:00',
    firstResponse: {
      status: 'breached',
      breachedAt: '2024-09-02 14:00',
      metAt: '2024-09-02 15:00',
      warnAt: '2024-09-02 13:30',
      elapsed: 300,
    },
  },
  {
    name: 'one minute before due is still active',
    ticket: ticketHistory(mondayTen),
    now: '2024-09-02 13:59',
    firstResponse: { status: 'active', breachedAt: null },
  },
  {
    name: 'at the due instant it is breached',
    ticket: ticketHistory(mondayTen),
    now: '2024-09-02 14:00',
    firstResponse: { status: 'breached', breachedAt: '2024-09-02 14:00', metAt: null, elapsed: 240 },
  },
  {
    name: 'a reply at the due instant is late',
    ticket: ticketHistory(mondayTen, [{ at: '2024-09-02 14:00', agent: true }]),
    now: '2024-09-02 15:00',
    firstResponse: { status: 'breached', metAt: '2024-09-02 14:00' },
  },
  {
    name: 'notes and system messages are not replies',
    ticket: ticketHistory(mondayTen, [
      { at: '2024-09-02 10:01', system: true },
      { at: '2024-09-02 10:02', agent: true, isPublic: false },
    ]),
    now: '2024-09-02 11:00',
    firstResponse: { status: 'active', dueAt: '2024-09-02 14:00' },
  },
  {
    name: 'an outbound ticket (agent message at creation) meets first response at once',
    ticket: {
      ...ticketHistory(mondayTen),
      messages: [{ author: 'agent', isPublic: true, at: kst(mondayTen) }],
    },
    now: '2024-09-02 11:00',
    firstResponse: { status: 'met', metAt: mondayTen, elapsed: 0 },
    nextResponse: { status: 'none' },
  },
  {
    name: 'pending pauses every clock',
    ticket: ticketHistory(mondayTen, [{ at: '2024-09-02 11:00', status: 'pending' }]),
    now: '2024-09-02 12:00',
    firstResponse: { status: 'paused', dueAt: null, warnAt: null, elapsed: 60, remaining: 180 },
    resolution: { status: 'paused', dueAt: null, elapsed: 60, remaining: 2_340 },
  },
  {
    name: 'reopening resumes with the elapsed time kept',
    ticket: ticketHistory(mondayTen, [
      { at: '2024-09-02 11:00', status: 'on_hold' },
      { at: '2024-09-03 10:00', status: 'open' },
    ]),
    now: '2024-09-03 11:00',
    firstResponse: { status: 'active', dueAt: '2024-09-03 13:00', elapsed: 120 },
  },
  {
    name: 'a clock breached before the pause stays breached',
    ticket: ticketHistory(mondayTen, [{ at: '2024-09-02 15:00', status: 'pending' }]),
    now: '2024-09-02 16:00',
    firstResponse: { status: 'breached', breachedAt: '2024-09-02 14:00', elapsed: 300 },
  },
  {
    name: 'solving meets every clock',
    ticket: ticketHistory(mondayTen, [{ at: '2024-09-02 10:30', status: 'solved' }]),
    now: '2024-09-02 12:00',
    firstResponse: { status: 'met', metAt: '2024-09-02 10:30' },
    resolution: { status: 'met', metAt: '2024-09-02 10:30', elapsed: 30 },
  },
  {
    name: 'closing after solving keeps the solve time',
    ticket: ticketHistory(mondayTen, [
      { at: '2024-09-02 11:00', status: 'solved' },
      { at: '2024-09-03 11:00', status: 'closed' },
    ]),
    now: '2024-09-04 12:00',
    resolution: { status: 'met', metAt: '2024-09-02 11:00', elapsed: 60 },
  },
  {
    name: 'a thank-you that leaves the ticket solved starts no cycle',
    ticket: ticketHistory(mondayTen, [
      { at: '2024-09-02 11:00', agent: true },
      { at: '2024-09-02 11:00', status: 'solved' },
      { at: '2024-09-02 11:30', customer: true },
    ]),
    now: '2024-09-02 12:00',
    nextResponse: { status: 'none' },
    resolution: { status: 'met', metAt: '2024-09-02 11:00' },
  },
  {
    name: 'a reopening reply resumes resolution and starts next response',
    ticket: ticketHistory(mondayTen, [
      { at: '2024-09-02 11:00', agent: true },
      { at: '2024-09-02 11:00', status: 'solved' },
      { at: '2024-09-03 10:00', customer: true },
      { at: '2024-09-03 10:00', status: 'open' },
    ]),
    now: '2024-09-03 12:00',
    firstResponse: { status: 'met', metAt: '2024-09-02 11:00' },
    nextResponse: {
      status: 'active',
      startedAt: '2024-09-03 10:00',
      dueAt: '2024-09-03 18:00',
      warnAt: '2024-09-03 17:30',
      elapsed: 120,
    },
    // 60 minutes on Monday, then 2,340 more from Tuesday 10:00.
    resolution: { status: 'active', dueAt: '2024-09-09 13:00', metAt: null, elapsed: 180 },
  },
  {
    name: 'next-response cycles: a breached past cycle is listed, the current one runs',
    ticket: ticketHistory(mondayTen, [
      { at: '2024-09-02 10:30', agent: true },
      { at: '2024-09-02 11:00', customer: true },
      { at: '2024-09-02 11:10', customer: true },
      { at: '2024-09-03 12:00', agent: true },
      { at: '2024-09-03 13:00', customer: true },
    ]),
    now: '2024-09-03 14:00',
    firstResponse: { status: 'met', metAt: '2024-09-02 10:30' },
    nextResponse: { status: 'active', startedAt: '2024-09-03 13:00', dueAt: '2024-09-04 12:00', elapsed: 60 },
    nextResponseBreaches: [
      {
        status: 'breached',
        startedAt: '2024-09-02 11:00',
        breachedAt: '2024-09-03 10:00',
        metAt: '2024-09-03 12:00',
      },
    ],
  },
  {
    name: 'customer messages before the first reply do not start next response',
    ticket: ticketHistory(mondayTen, [{ at: '2024-09-02 10:30', customer: true }]),
    now: '2024-09-02 11:00',
    nextResponse: { status: 'none' },
  },
  {
    name: 'raising priority recomputes from the same start and can breach at once',
    ticket: ticketHistory(mondayTen, [{ at: '2024-09-02 10:40', priority: 'urgent' }]),
    now: '2024-09-02 10:45',
    firstResponse: { status: 'breached', startedAt: mondayTen, breachedAt: '2024-09-02 10:30' },
    resolution: { status: 'active', dueAt: '2024-09-02 18:00' },
  },
  {
    name: 'raising to high moves due earlier and warns at once',
    ticket: ticketHistory(mondayTen, [{ at: '2024-09-02 10:20', priority: 'high' }]),
    now: '2024-09-02 10:45',
    firstResponse: { status: 'active', dueAt: '2024-09-02 11:00', warnAt: '2024-09-02 10:30' },
  },
  {
    name: 'lowering priority again restores the longer target',
    ticket: ticketHistory(mondayTen, [
      { at: '2024-09-02 10:20', priority: 'urgent' },
      { at: '2024-09-02 10:25', priority: 'normal' },
    ]),
    now: '2024-09-02 12:00',
    firstResponse: { status: 'active', dueAt: '2024-09-02 14:00' },
  },
  {
    name: 'a met clock keeps the target of the priority it was met under',
    ticket: ticketHistory(mondayTen, [
      { at: '2024-09-02 12:00', agent: true },
      { at: '2024-09-02 13:00', priority: 'urgent' },
    ]),
    now: '2024-09-02 14:00',
    firstResponse: { status: 'met', dueAt: '2024-09-02 14:00' },
  },
  {
    name: 'a priority without a target has no clock',
    ticket: ticketHistory(mondayTen, [{ at: mondayTen, priority: 'low' }]),
    now: '2024-09-02 11:00',
    firstResponse: { status: 'none', dueAt: null, elapsed: 0 },
    // Low has only a resolution target: 4,800 minutes = 80 h.
    resolution: { status: 'active', dueAt: '2024-09-12 18:00' },
  },
  {
    name: 'policy change: calendar time instead of business hours',
    ticket: ticketHistory('2024-09-06 17:00'),
    now: '2024-09-06 17:30',
    policy: { ...standardPolicy, useBusinessHours: false },
    firstResponse: { status: 'active', dueAt: '2024-09-06 21:00' },
    resolution: { status: 'active', dueAt: '2024-09-08 09:00' },
  },
  {
    name: 'policy change: a shorter target gives the exact new due time',
    ticket: ticketHistory(mondayTen, [
      { at: '2024-09-02 11:00', status: 'pending' },
      { at: '2024-09-02 13:00', status: 'open' },
    ]),
    now: '2024-09-02 13:10',
    policy: {
      ...standardPolicy,
      targets: { ...standardPolicy.targets, normal: { firstResponseMinutes: 90 } },
    },
    // 60 of 90 minutes were counted by 11:00, when the ticket went pending.
    firstResponse: { status: 'active', dueAt: '2024-09-02 13:30', warnAt: '2024-09-02 11:00' },
    resolution: { status: 'none' },
  },
  {
    name: 'calendar change: a new holiday moves due times',
    ticket: ticketHistory(mondayTen),
    now: '2024-09-02 11:00',
    calendar: {
      ...seoulDesk,
      holidays: [...seoulDesk.holidays, { date: '2024-09-04', name: 'Company day' }],
    },
    resolution: { status: 'active', dueAt: '2024-09-09 14:00' },
  },
  {
    name: 'warnings off',
    ticket: ticketHistory(mondayTen),
    now: '2024-09-02 11:00',
    policy: { ...standardPolicy, warnBeforeMinutes: 0 },
    firstResponse: { status: 'active', warnAt: null },
  },
  {
    name: 'a warning longer than the target warns at the start',
    ticket: ticketHistory(mondayTen),
    now: '2024-09-02 11:00',
    policy: { ...standardPolicy, warnBeforeMinutes: 300 },
    firstResponse: { status: 'active', warnAt: mondayTen },
  },
];

function check(clocks: SlaClocks, c: Case): void {
  for (const metric of ['firstResponse', 'nextResponse', 'resolution'] as const) {
    const expected = c[metric];
    if (expected) assert.deepEqual(viewOf(clocks[metric], Object.keys(expected)), expected, metric);
  }
  if (c.nextResponseBreaches) {
    assert.deepEqual(
      clocks.nextResponseBreaches.map((clock, index) =>
        viewOf(clock, Object.keys(c.nextResponseBreaches?.[index] ?? {})),
      ),
      c.nextResponseBreaches,
    );
  }
}

describe('computeSlaClocks', () => {
  for (const c of cases) {
    it(c.name, () => {
      const clocks = computeSlaClocks({
        policy: c.policy ?? standardPolicy,
        calendar: c.calendar ?? seoulDesk,
        ticket: c.ticket,
        now: kst(c.now),
      });
      check(clocks, c);
    });
  }
});
