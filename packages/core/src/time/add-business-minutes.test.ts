import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isDomainError } from '../errors.ts';
import { addBusinessMinutes } from './add-business-minutes.ts';
import type { BusinessCalendar } from './business-calendar.ts';
import { businessMinutesBetween } from './business-minutes-between.ts';
import type { TimeInterval } from './paused-spans.ts';
import {
  londonOffice,
  newYorkOffice,
  seoulAroundTheClock,
  seoulNightShift,
  seoulOffice,
  sundayWindow,
} from './test-calendars.ts';

type Case = {
  name: string;
  calendar: BusinessCalendar;
  start: string;
  minutes: number;
  paused?: [string, string][];
  expected: string;
};

const nyNight = sundayWindow('America/New_York', '00:00', '04:00');
const londonNight = sundayWindow('Europe/London', '00:30', '03:00');

// Local times in comments; EST = UTC-5, EDT = UTC-4, GMT = UTC, BST = UTC+1, KST = UTC+9.
// biome-ignore format: one case per line reads as a table
const cases: Case[] = [
  { name: 'inside one window', calendar: newYorkOffice, start: '2024-03-04T14:00:00Z', minutes: 90, expected: '2024-03-04T15:30:00.000Z' },
  { name: 'ends exactly at closing time', calendar: newYorkOffice, start: '2024-03-01T21:00:00Z', minutes: 60, expected: '2024-03-01T22:00:00.000Z' },
  { name: 'skips a weekend', calendar: newYorkOffice, start: '2024-03-01T21:30:00Z', minutes: 60, expected: '2024-03-04T14:30:00.000Z' },
  { name: 'starts before opening', calendar: newYorkOffice, start: '2024-03-04T12:00:00Z', minutes: 30, expected: '2024-03-04T14:30:00.000Z' },
  { name: 'starts on a Saturday', calendar: newYorkOffice, start: '2024-03-02T17:00:00Z', minutes: 30, expected: '2024-03-04T14:30:00.000Z' },
  // Fri 16:00 EST + 1 h Friday, then Mon 09:00 EDT + 1 h.
  { name: 'New York spring-forward weekend', calendar: newYorkOffice, start: '2024-03-08T21:00:00Z', minutes: 120, expected: '2024-03-11T14:00:00.000Z' },
  { name: 'New York fall-back weekend', calendar: newYorkOffice, start: '2024-11-01T20:00:00Z', minutes: 120, expected: '2024-11-04T15:00:00.000Z' },
  { name: 'London spring-forward weekend', calendar: londonOffice, start: '2024-03-29T16:00:00Z', minutes: 120, expected: '2024-04-01T09:00:00.000Z' },
  { name: 'London fall-back weekend', calendar: londonOffice, start: '2024-10-25T15:00:00Z', minutes: 120, expected: '2024-10-28T10:00:00.000Z' },
  { name: 'skips Christmas Day', calendar: newYorkOffice, start: '2024-12-24T21:00:00Z', minutes: 120, expected: '2024-12-26T15:00:00.000Z' },
  { name: "crosses the year and skips New Year's Day", calendar: newYorkOffice, start: '2024-12-31T21:00:00Z', minutes: 120, expected: '2025-01-02T15:00:00.000Z' },
  { name: 'Seoul lunch break', calendar: seoulOffice, start: '2024-09-02T02:30:00Z', minutes: 60, expected: '2024-09-02T04:30:00.000Z' },
  // Fri 17:00 KST + 1 h, Mon-Wed Chuseok, Thu 09:00 + 1 h.
  { name: 'Seoul Chuseok holidays after a weekend', calendar: seoulOffice, start: '2024-09-13T08:00:00Z', minutes: 120, expected: '2024-09-19T01:00:00.000Z' },
  // 23:30 KST Dec 31 + 30 min to midnight, Jan 1 closed, 00:00 Jan 2 + 30 min.
  { name: 'a holiday starting and ending at midnight', calendar: seoulAroundTheClock, start: '2024-12-31T14:30:00Z', minutes: 60, expected: '2025-01-01T15:30:00.000Z' },
  { name: 'windows touching at midnight run on', calendar: seoulNightShift, start: '2024-09-06T14:00:00Z', minutes: 120, expected: '2024-09-06T16:00:00.000Z' },
  { name: 'night shift continues a week later', calendar: seoulNightShift, start: '2024-09-06T20:00:00Z', minutes: 120, expected: '2024-09-13T14:00:00.000Z' },
  // Sun 00:00 EST: 2 h to 02:00 EST (= 03:00 EDT, 07:00Z), then 30 min more.
  { name: 'window over the missing New York hour', calendar: nyNight, start: '2024-03-10T05:00:00Z', minutes: 150, expected: '2024-03-10T07:30:00.000Z' },
  // Sun 00:00 EDT: 1:00-2:00 happens twice, so 150 min end at 01:30 EST.
  { name: 'window over the repeated New York hour', calendar: nyNight, start: '2024-11-03T04:00:00Z', minutes: 150, expected: '2024-11-03T06:30:00.000Z' },
  { name: 'window over the missing London hour', calendar: londonNight, start: '2024-03-31T00:30:00Z', minutes: 60, expected: '2024-03-31T01:30:00.000Z' },
  { name: 'window over the repeated London hour', calendar: londonNight, start: '2024-10-26T23:30:00Z', minutes: 200, expected: '2024-10-27T02:50:00.000Z' },
  // Twenty business days of 480 minutes, then 400 minutes into the 21st (Feb 5, 15:40 EST).
  { name: '10,000 minutes', calendar: newYorkOffice, start: '2024-01-08T14:00:00Z', minutes: 10_000, expected: '2024-02-05T20:40:00.000Z' },
  { name: 'paused span inside the window', calendar: newYorkOffice, start: '2024-03-04T14:00:00Z', minutes: 120, paused: [['2024-03-04T15:00:00Z', '2024-03-04T16:30:00Z']], expected: '2024-03-04T17:30:00.000Z' },
  { name: 'paused span covering the start', calendar: newYorkOffice, start: '2024-03-04T14:00:00Z', minutes: 60, paused: [['2024-03-04T13:00:00Z', '2024-03-04T14:30:00Z']], expected: '2024-03-04T15:30:00.000Z' },
  { name: 'paused span outside business hours changes nothing', calendar: newYorkOffice, start: '2024-03-01T21:30:00Z', minutes: 60, paused: [['2024-03-02T12:00:00Z', '2024-03-03T12:00:00Z']], expected: '2024-03-04T14:30:00.000Z' },
  { name: 'unsorted overlapping paused spans', calendar: newYorkOffice, start: '2024-03-04T14:00:00Z', minutes: 120, paused: [['2024-03-04T16:00:00Z', '2024-03-04T17:00:00Z'], ['2024-03-04T15:00:00Z', '2024-03-04T16:30:00Z']], expected: '2024-03-04T18:00:00.000Z' },
  { name: 'paused over a weekend into Monday', calendar: newYorkOffice, start: '2024-03-01T21:00:00Z', minutes: 120, paused: [['2024-03-01T21:30:00Z', '2024-03-04T15:00:00Z']], expected: '2024-03-04T16:30:00.000Z' },
  { name: 'empty paused span is ignored', calendar: newYorkOffice, start: '2024-03-04T14:00:00Z', minutes: 30, paused: [['2024-03-04T14:10:00Z', '2024-03-04T14:10:00Z']], expected: '2024-03-04T14:30:00.000Z' },
  { name: 'zero minutes is the start, even when closed', calendar: newYorkOffice, start: '2024-03-02T17:00:00Z', minutes: 0, expected: '2024-03-02T17:00:00.000Z' },
  { name: 'fractional minutes keep milliseconds', calendar: newYorkOffice, start: '2024-03-04T14:00:00Z', minutes: 1.5, expected: '2024-03-04T14:01:30.000Z' },
];

function intervals(pairs: [string, string][] = []): TimeInterval[] {
  return pairs.map(([start, end]) => ({ start: new Date(start), end: new Date(end) }));
}

describe('addBusinessMinutes', () => {
  for (const c of cases) {
    it(c.name, () => {
      const due = addBusinessMinutes(c.calendar, new Date(c.start), c.minutes, intervals(c.paused));
      assert.equal(due.toISOString(), c.expected);
    });
  }

  it('is undone by businessMinutesBetween for every case', () => {
    for (const c of cases) {
      const paused = intervals(c.paused);
      const minutes = businessMinutesBetween(c.calendar, new Date(c.start), new Date(c.expected), paused);
      assert.equal(minutes, c.minutes, c.name);
    }
  });

  it('does not walk minute by minute (a million minutes is quick)', () => {
    const startedMs = performance.now();
    const due = addBusinessMinutes(newYorkOffice, new Date('2024-01-08T14:00:00Z'), 1_000_000);
    assert.ok(performance.now() - startedMs < 2_000);
    assert.equal(businessMinutesBetween(newYorkOffice, new Date('2024-01-08T14:00:00Z'), due), 1_000_000);
  });

  const rejected: [string, () => unknown, string][] = [
    ['negative minutes', () => addBusinessMinutes(newYorkOffice, new Date(0), -1), '/minutes'],
    ['NaN minutes', () => addBusinessMinutes(newYorkOffice, new Date(0), Number.NaN), '/minutes'],
    [
      'infinite minutes',
      () => addBusinessMinutes(newYorkOffice, new Date(0), Number.POSITIVE_INFINITY),
      '/minutes',
    ],
    ['an invalid start', () => addBusinessMinutes(newYorkOffice, new Date('nope'), 1), '/start'],
    [
      'an inverted paused span',
      () => addBusinessMinutes(newYorkOffice, new Date(0), 1, [{ start: new Date(10), end: new Date(5) }]),
      '/paused/0/end',
    ],
    [
      'a calendar with no working hours',
      () => addBusinessMinutes({ timeZone: 'UTC', weekly: [], holidays: [] }, new Date(0), 1),
      '/weekly',
    ],
  ];
  for (const [name, call, pointer] of rejected) {
    it(`rejects ${name}`, () => {
      assert.throws(call, (error) => {
        assert.ok(isDomainError(error, 'VALIDATION_FAILED'));
        assert.deepEqual(
          error.details.errors?.map((e) => e.pointer),
          [pointer],
        );
        return true;
      });
    });
  }

  it('never mutates its arguments', () => {
    const calendar = structuredClone(seoulOffice);
    const paused = intervals([['2024-09-02T03:00:00Z', '2024-09-02T05:00:00Z']]);
    const start = new Date('2024-09-02T00:00:00Z');
    const before = JSON.stringify({ calendar, paused, start });
    addBusinessMinutes(deepFreeze(calendar), start, 300, deepFreeze(paused));
    assert.equal(JSON.stringify({ calendar, paused, start }), before);
  });
});

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}
