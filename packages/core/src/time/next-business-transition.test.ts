import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { alwaysOpenCalendar, type BusinessCalendar } from './business-calendar.ts';
import { nextBusinessTransition } from './next-business-transition.ts';
import { newYorkOffice, seoulAroundTheClock, seoulNightShift, seoulOffice } from './test-calendars.ts';

// biome-ignore format: one case per line reads as a table
const cases: [string, BusinessCalendar, string, { kind: 'opens' | 'closes'; at: string } | null][] = [
  ['inside: the close', newYorkOffice, '2024-03-08T21:00:00Z', { kind: 'closes', at: '2024-03-08T22:00:00.000Z' }],
  ['at closing: the next opening after the DST weekend', newYorkOffice, '2024-03-08T22:00:00Z', { kind: 'opens', at: '2024-03-11T13:00:00.000Z' }],
  ['at opening: that day’s close', newYorkOffice, '2024-03-11T13:00:00Z', { kind: 'closes', at: '2024-03-11T21:00:00.000Z' }],
  ['before Christmas: opens on the 26th', newYorkOffice, '2024-12-24T22:00:00Z', { kind: 'opens', at: '2024-12-26T14:00:00.000Z' }],
  ['lunch break: closes at noon', seoulOffice, '2024-09-02T02:30:00Z', { kind: 'closes', at: '2024-09-02T03:00:00.000Z' }],
  ['lunch break: opens at 13:00', seoulOffice, '2024-09-02T03:00:00Z', { kind: 'opens', at: '2024-09-02T04:00:00.000Z' }],
  ['night shift: midnight is not a close', seoulNightShift, '2024-09-06T13:30:00Z', { kind: 'closes', at: '2024-09-06T21:00:00.000Z' }],
  ['night shift: opens next Friday', seoulNightShift, '2024-09-07T00:00:00Z', { kind: 'opens', at: '2024-09-13T13:00:00.000Z' }],
  ['24/7: closes for a holiday at midnight', seoulAroundTheClock, '2024-12-31T11:00:00Z', { kind: 'closes', at: '2024-12-31T15:00:00.000Z' }],
  ['24/7: reopens after the holiday', seoulAroundTheClock, '2025-01-01T03:00:00Z', { kind: 'opens', at: '2025-01-01T15:00:00.000Z' }],
  ['24/7 after the last holiday: never closes', seoulAroundTheClock, '2025-01-02T00:00:00Z', null],
  ['always open: never closes', alwaysOpenCalendar, '2024-06-01T00:00:00Z', null],
];

describe('nextBusinessTransition', () => {
  for (const [name, calendar, at, expected] of cases) {
    it(name, () => {
      const transition = nextBusinessTransition(calendar, new Date(at));
      assert.deepEqual(transition && { kind: transition.kind, at: transition.at.toISOString() }, expected);
    });
  }
});
