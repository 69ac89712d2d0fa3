import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { alwaysOpenCalendar, type BusinessCalendar } from './business-calendar.ts';
import { isWithinBusinessHours } from './is-within-business-hours.ts';
import { newYorkOffice, seoulAroundTheClock, seoulOffice, sundayWindow } from './test-calendars.ts';

const nyRepeatedHour = sundayWindow('America/New_York', '01:00', '02:00');
const londonMissingHour = sundayWindow('Europe/London', '01:00', '02:00');

// biome-ignore format: one case per line reads as a table
const cases: [string, BusinessCalendar, string, boolean][] = [
  ['opening instant is inside (half-open)', newYorkOffice, '2024-03-04T14:00:00Z', true],
  ['closing instant is outside (half-open)', newYorkOffice, '2024-03-04T22:00:00Z', false],
  ['last millisecond before closing', newYorkOffice, '2024-03-04T21:59:59.999Z', true],
  ['before opening', newYorkOffice, '2024-03-04T13:59:00Z', false],
  ['Saturday', newYorkOffice, '2024-03-02T15:00:00Z', false],
  ['Christmas Day', newYorkOffice, '2024-12-25T15:00:00Z', false],
  ['09:00 EDT after spring forward', newYorkOffice, '2024-03-11T13:00:00Z', true],
  ['08:00 EDT after spring forward', newYorkOffice, '2024-03-11T12:00:00Z', false],
  ['first 01:30 of the fall-back night', nyRepeatedHour, '2024-11-03T05:30:00Z', true],
  ['second 01:30 of the fall-back night', nyRepeatedHour, '2024-11-03T06:30:00Z', true],
  ['02:00 EST after the repeated hour', nyRepeatedHour, '2024-11-03T07:00:00Z', false],
  ['00:59 GMT before the missing hour', londonMissingHour, '2024-03-31T00:59:00Z', false],
  ['02:00 BST right after the missing hour', londonMissingHour, '2024-03-31T01:00:00Z', false],
  ['Seoul lunch break', seoulOffice, '2024-09-02T03:30:00Z', false],
  ['Seoul afternoon', seoulOffice, '2024-09-02T04:00:00Z', true],
  ['last minute before a midnight holiday', seoulAroundTheClock, '2024-12-31T14:59:00Z', true],
  ['first instant of the holiday', seoulAroundTheClock, '2024-12-31T15:00:00Z', false],
  ['last minute of the holiday', seoulAroundTheClock, '2025-01-01T14:59:00Z', false],
  ['first instant after the holiday', seoulAroundTheClock, '2025-01-01T15:00:00Z', true],
  ['always open', alwaysOpenCalendar, '2024-02-29T03:00:00Z', true],
];

describe('isWithinBusinessHours', () => {
  for (const [name, calendar, at, expected] of cases) {
    it(`${name}: ${expected}`, () => {
      assert.equal(isWithinBusinessHours(calendar, new Date(at)), expected);
    });
  }
});
