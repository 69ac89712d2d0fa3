import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { BusinessCalendar } from './business-calendar.ts';
import { businessMinutesBetween } from './business-minutes-between.ts';
import { isWithinBusinessHours } from './is-within-business-hours.ts';
import { newYorkOffice, seoulNightShift, seoulOffice, sundayWindow } from './test-calendars.ts';

type Case = {
  name: string;
  calendar: BusinessCalendar;
  start: string;
  end: string;
  paused?: [string, string][];
  expected: number;
};

// biome-ignore format: one case per line reads as a table
const cases: Case[] = [
  // 2024 has 262 weekdays; Christmas (a Wednesday) is a holiday: 261 × 480.
  { name: 'a whole year in New York', calendar: newYorkOffice, start: '2024-01-01T05:00:00Z', end: '2025-01-01T05:00:00Z', expected: 125_280 },
  // September 2024 has 21 weekdays, three of them Chuseok: 18 × 8 h.
  { name: 'a month in Seoul with Chuseok', calendar: seoulOffice, start: '2024-08-31T15:00:00Z', end: '2024-09-30T15:00:00Z', expected: 8_640 },
  { name: 'end before start', calendar: newYorkOffice, start: '2024-03-04T16:00:00Z', end: '2024-03-04T15:00:00Z', expected: 0 },
  { name: 'empty span', calendar: newYorkOffice, start: '2024-03-04T16:00:00Z', end: '2024-03-04T16:00:00Z', expected: 0 },
  { name: 'a weekend only', calendar: newYorkOffice, start: '2024-03-01T22:00:00Z', end: '2024-03-04T14:00:00Z', expected: 0 },
  { name: 'across the spring-forward weekend', calendar: newYorkOffice, start: '2024-03-08T14:00:00Z', end: '2024-03-11T14:00:00Z', expected: 540 },
  { name: 'with a paused afternoon', calendar: newYorkOffice, start: '2024-03-04T14:00:00Z', end: '2024-03-05T14:00:00Z', paused: [['2024-03-04T18:00:00Z', '2024-03-04T23:00:00Z']], expected: 240 },
  { name: 'a night shift over midnight', calendar: seoulNightShift, start: '2024-09-06T00:00:00Z', end: '2024-09-07T00:00:00Z', expected: 480 },
  // Sunday 00:00-04:00 local lasts 3 h on the spring-forward day and 5 h on the fall-back day.
  { name: 'New York night window, spring forward', calendar: sundayWindow('America/New_York', '00:00', '04:00'), start: '2024-03-09T00:00:00Z', end: '2024-03-11T00:00:00Z', expected: 180 },
  { name: 'New York night window, fall back', calendar: sundayWindow('America/New_York', '00:00', '04:00'), start: '2024-11-02T00:00:00Z', end: '2024-11-04T00:00:00Z', expected: 300 },
  { name: 'New York window inside the missing hour', calendar: sundayWindow('America/New_York', '02:00', '03:00'), start: '2024-03-09T00:00:00Z', end: '2024-03-11T00:00:00Z', expected: 0 },
  { name: 'New York window half inside the missing hour', calendar: sundayWindow('America/New_York', '02:30', '03:30'), start: '2024-03-09T00:00:00Z', end: '2024-03-11T00:00:00Z', expected: 30 },
  { name: 'New York window on the repeated hour', calendar: sundayWindow('America/New_York', '01:00', '02:00'), start: '2024-11-02T00:00:00Z', end: '2024-11-04T00:00:00Z', expected: 120 },
  { name: 'London night window, spring forward', calendar: sundayWindow('Europe/London', '00:30', '03:00'), start: '2024-03-30T00:00:00Z', end: '2024-04-01T00:00:00Z', expected: 90 },
  { name: 'London night window, fall back', calendar: sundayWindow('Europe/London', '00:30', '03:00'), start: '2024-10-26T00:00:00Z', end: '2024-10-28T00:00:00Z', expected: 210 },
  { name: 'London window inside the missing hour', calendar: sundayWindow('Europe/London', '01:00', '02:00'), start: '2024-03-30T00:00:00Z', end: '2024-04-01T00:00:00Z', expected: 0 },
  { name: 'London window on the repeated hour', calendar: sundayWindow('Europe/London', '01:00', '02:00'), start: '2024-10-26T00:00:00Z', end: '2024-10-28T00:00:00Z', expected: 120 },
  { name: 'an ordinary Sunday keeps its hour', calendar: sundayWindow('Europe/London', '01:00', '02:00'), start: '2024-04-06T00:00:00Z', end: '2024-04-08T00:00:00Z', expected: 60 },
];

describe('businessMinutesBetween', () => {
  for (const c of cases) {
    it(c.name, () => {
      const paused = (c.paused ?? []).map(([start, end]) => ({ start: new Date(start), end: new Date(end) }));
      assert.equal(
        businessMinutesBetween(c.calendar, new Date(c.start), new Date(c.end), paused),
        c.expected,
      );
    });
  }
});

// The span stream and the wall-clock reading are two implementations of one definition;
// sweep the DST days in both zones and check they agree at every 5-minute mark.
describe('businessMinutesBetween agrees with isWithinBusinessHours', () => {
  const sweeps: [string, BusinessCalendar, string][] = [
    ['New York spring', sundayWindow('America/New_York', '01:30', '03:30'), '2024-03-09T12:00:00Z'],
    ['New York fall', sundayWindow('America/New_York', '00:30', '01:30'), '2024-11-02T12:00:00Z'],
    ['London spring', sundayWindow('Europe/London', '00:30', '01:30'), '2024-03-30T12:00:00Z'],
    ['London fall', sundayWindow('Europe/London', '01:15', '02:15'), '2024-10-26T12:00:00Z'],
    ['Seoul night shift', seoulNightShift, '2024-09-06T00:00:00Z'],
  ];
  for (const [name, calendar, from] of sweeps) {
    it(name, () => {
      const fromMs = Date.parse(from);
      for (let atMs = fromMs; atMs < fromMs + 2 * 86_400_000; atMs += 5 * 60_000) {
        const at = new Date(atMs);
        const isBusiness = businessMinutesBetween(calendar, at, new Date(atMs + 1)) > 0;
        assert.equal(isBusiness, isWithinBusinessHours(calendar, at), at.toISOString());
      }
    });
  }
});
