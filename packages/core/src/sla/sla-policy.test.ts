import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isDomainError } from '../errors.ts';
import { computeSlaClocks } from './compute-sla-clocks.ts';
import { slaPolicySchema } from './sla-policy.ts';
import { kst, seoulDesk, standardPolicy, ticketHistory } from './test-tickets.ts';

function pointers(input: unknown): string[] {
  const result = slaPolicySchema.safeParse(input);
  return result.success ? [] : result.error.issues.map((issue) => `/${issue.path.join('/')}`);
}

describe('slaPolicySchema', () => {
  it('accepts the standard policy and fills missing priorities with no targets', () => {
    assert.deepEqual(pointers(standardPolicy), []);
    const parsed = slaPolicySchema.parse({
      ...standardPolicy,
      targets: { urgent: { firstResponseMinutes: 15 } },
    });
    assert.deepEqual(parsed.targets.low, {});
  });

  // biome-ignore format: one case per line reads as a table
  const rejected: [string, unknown, string][] = [
    ['no target at all', { ...standardPolicy, targets: { low: {}, normal: {}, high: {}, urgent: {} } }, '/targets'],
    ['a zero-minute target', { ...standardPolicy, targets: { ...standardPolicy.targets, high: { firstResponseMinutes: 0 } } }, '/targets/high/firstResponseMinutes'],
    ['a fractional target', { ...standardPolicy, targets: { ...standardPolicy.targets, high: { resolutionMinutes: 1.5 } } }, '/targets/high/resolutionMinutes'],
    ['an unknown metric', { ...standardPolicy, targets: { ...standardPolicy.targets, low: { periodicUpdateMinutes: 5 } } }, '/targets/low'],
    ['a negative warning', { ...standardPolicy, warnBeforeMinutes: -5 }, '/warnBeforeMinutes'],
    ['a blank name', { ...standardPolicy, name: '  ' }, '/name'],
  ];
  for (const [name, input, pointer] of rejected) {
    it(`rejects ${name} at ${pointer}`, () => {
      assert.ok(pointers(input).includes(pointer), JSON.stringify(pointers(input)));
    });
  }
});

describe('computeSlaClocks input', () => {
  const valid = {
    policy: standardPolicy,
    calendar: seoulDesk,
    ticket: ticketHistory('2024-09-02 10:00'),
    now: kst('2024-09-02 11:00'),
  };

  // biome-ignore format: one case per line reads as a table
  const rejected: [string, unknown, string][] = [
    ['an invalid policy', { ...valid, policy: { ...standardPolicy, warnBeforeMinutes: -1 } }, '/policy/warnBeforeMinutes'],
    ['a calendar without hours', { ...valid, calendar: { ...seoulDesk, weekly: [] } }, '/calendar/weekly'],
    ['no priority', { ...valid, ticket: { ...valid.ticket, priorityChanges: [] } }, '/ticket/priorityChanges'],
    ['an invalid message time', { ...valid, ticket: { ...valid.ticket, messages: [{ author: 'agent', isPublic: true, at: new Date('x') }] } }, '/ticket/messages/0/at'],
    ['an invalid now', { ...valid, now: new Date('x') }, '/now'],
  ];
  for (const [name, input, pointer] of rejected) {
    it(`rejects ${name} at ${pointer}`, () => {
      assert.throws(
        () => computeSlaClocks(input as typeof valid),
        (error) =>
          isDomainError(error, 'VALIDATION_FAILED') && error.details.errors?.[0]?.pointer === pointer,
      );
    });
  }

  it('ignores the calendar when the policy counts calendar time', () => {
    const clocks = computeSlaClocks({
      ...valid,
      policy: { ...standardPolicy, useBusinessHours: false },
      calendar: { ...seoulDesk, weekly: [] },
    });
    assert.equal(clocks.firstResponse.status, 'active');
  });

  it('never mutates its input, including unsorted history', () => {
    const ticket = ticketHistory('2024-09-02 10:00', [
      { at: '2024-09-02 12:00', status: 'open' },
      { at: '2024-09-02 11:00', status: 'pending' },
    ]);
    const input = { ...valid, ticket: { ...ticket, statusChanges: [...ticket.statusChanges].reverse() } };
    const before = JSON.stringify(input);
    const clocks = computeSlaClocks(Object.freeze({ ...input, now: kst('2024-09-02 13:00') }));
    assert.equal(JSON.stringify(input), before);
    // Sorted internally: 60 minutes before pending, none while pending, 60 after.
    assert.equal(clocks.firstResponse.elapsedBusinessMinutes, 120);
  });

  it('replays the past: history recorded after now is ignored', () => {
    const ticket = ticketHistory('2024-09-02 10:00', [
      { at: '2024-09-02 11:00', agent: true },
      { at: '2024-09-02 11:00', status: 'solved' },
    ]);
    const asOfTenThirty = computeSlaClocks({ ...valid, ticket, now: kst('2024-09-02 10:30') });
    assert.equal(asOfTenThirty.firstResponse.status, 'active');
    assert.equal(asOfTenThirty.resolution.status, 'active');
  });
});
