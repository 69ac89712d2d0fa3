import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { computeSlaClocks, slaClocksSchema } from './compute-sla-clocks.ts';
import { nextSlaEventAt } from './next-sla-event-at.ts';
import { slaEventsBetween } from './sla-events-between.ts';
import type { SlaPolicy } from './sla-policy.ts';
import { kst, seoulDesk, standardPolicy, ticketHistory } from './test-tickets.ts';
import { local } from './test-view.ts';
import type { SlaTicketHistory } from './ticket-timeline.ts';

const plainTicket = ticketHistory('2024-09-02 10:00');

function clocksAt(now: string, ticket: SlaTicketHistory = plainTicket, policy: SlaPolicy = standardPolicy) {
  return computeSlaClocks({ policy, calendar: seoulDesk, ticket, now: kst(now) });
}

function summary(events: ReturnType<typeof slaEventsBetween>): string[] {
  return events.map((e) => `${e.type} ${e.metric} ${local(e.at)}`);
}

describe('nextSlaEventAt', () => {
  // biome-ignore format: one case per line reads as a table
  const cases: [string, string, SlaTicketHistory, string | null][] = [
    ['the first warning ahead', '2024-09-02 11:00', plainTicket, '2024-09-02 13:30'],
    ['after the warning: the due time', '2024-09-02 13:45', plainTicket, '2024-09-02 14:00'],
    ['after a breach: the next clock (resolution warning)', '2024-09-02 14:00', plainTicket, '2024-09-06 13:30'],
    ['paused clocks schedule nothing', '2024-09-02 12:00', ticketHistory('2024-09-02 10:00', [{ at: '2024-09-02 11:00', status: 'pending' }]), null],
    ['solved tickets schedule nothing', '2024-09-02 12:00', ticketHistory('2024-09-02 10:00', [{ at: '2024-09-02 11:00', status: 'solved' }]), null],
  ];
  for (const [name, now, ticket, expected] of cases) {
    it(name, () => {
      assert.equal(local(nextSlaEventAt(clocksAt(now, ticket))), expected);
    });
  }
});

describe('slaEventsBetween', () => {
  it('warns once when the warning time passes', () => {
    const first = clocksAt('2024-09-02 11:00');
    const second = clocksAt('2024-09-02 13:30');
    assert.deepEqual(summary(slaEventsBetween(null, first)), []);
    assert.deepEqual(summary(slaEventsBetween(first, second)), [
      'sla.warning first_response 2024-09-02 13:30',
    ]);
    assert.deepEqual(summary(slaEventsBetween(second, clocksAt('2024-09-02 13:45'))), []);
  });

  it('reports a breach once, at the due time', () => {
    const warned = clocksAt('2024-09-02 13:45');
    const breached = clocksAt('2024-09-02 14:00');
    assert.deepEqual(summary(slaEventsBetween(warned, breached)), [
      'sla.breached first_response 2024-09-02 14:00',
    ]);
    assert.deepEqual(summary(slaEventsBetween(breached, clocksAt('2024-09-02 15:00'))), []);
  });

  it('a clock that skipped past its warning reports only the breach', () => {
    const events = slaEventsBetween(clocksAt('2024-09-02 11:00'), clocksAt('2024-09-02 15:00'));
    assert.deepEqual(summary(events), ['sla.breached first_response 2024-09-02 14:00']);
  });

  it('the first computation reports what already happened', () => {
    assert.deepEqual(summary(slaEventsBetween(null, clocksAt('2024-09-02 13:40'))), [
      'sla.warning first_response 2024-09-02 13:30',
    ]);
  });

  it('a priority raise reports a breach dated in the past', () => {
    const before = clocksAt('2024-09-02 10:35');
    const raised = ticketHistory('2024-09-02 10:00', [{ at: '2024-09-02 10:40', priority: 'urgent' }]);
    assert.deepEqual(summary(slaEventsBetween(before, clocksAt('2024-09-02 10:40', raised))), [
      'sla.breached first_response 2024-09-02 10:30',
    ]);
  });

  it('a next-response cycle that breached and was answered between sweeps is still reported', () => {
    const steps = [
      { at: '2024-09-02 10:30', agent: true as const },
      { at: '2024-09-02 11:00', customer: true as const },
    ];
    const previous = clocksAt('2024-09-02 11:05', ticketHistory('2024-09-02 10:00', steps));
    const later = ticketHistory('2024-09-02 10:00', [
      ...steps,
      { at: '2024-09-03 12:00', agent: true },
      { at: '2024-09-03 13:00', customer: true },
    ]);
    const events = slaEventsBetween(previous, clocksAt('2024-09-03 13:05', later));
    assert.deepEqual(summary(events), ['sla.breached next_response 2024-09-03 10:00']);
    assert.equal(events[0]?.cycleStartedAt.toISOString(), kst('2024-09-02 11:00').toISOString());
    assert.equal(
      events[0]?.key,
      `standard:next_response:${kst('2024-09-02 11:00').toISOString()}:sla.breached`,
    );
  });

  it('a different policy starts afresh', () => {
    const breached = clocksAt('2024-09-02 15:00');
    const otherPolicy = { ...standardPolicy, id: 'vip' };
    assert.deepEqual(
      summary(slaEventsBetween(breached, clocksAt('2024-09-02 15:05', plainTicket, otherPolicy))),
      ['sla.breached first_response 2024-09-02 14:00'],
    );
  });

  it('works on the previous result read back from JSON', () => {
    const stored = slaClocksSchema.parse(JSON.parse(JSON.stringify(clocksAt('2024-09-02 13:45'))));
    assert.deepEqual(stored, clocksAt('2024-09-02 13:45'));
    assert.deepEqual(summary(slaEventsBetween(stored, clocksAt('2024-09-02 14:00'))), [
      'sla.breached first_response 2024-09-02 14:00',
    ]);
  });
});
