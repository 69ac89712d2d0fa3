import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { alwaysOpenCalendar, businessCalendarSchema } from './business-calendar.ts';
import { newYorkOffice, seoulAroundTheClock, seoulNightShift, seoulOffice } from './test-calendars.ts';

function problems(input: unknown): { pointer: string; message: string }[] {
  const result = businessCalendarSchema.safeParse(input);
  if (result.success) return [];
  return result.error.issues.map((issue) => ({
    pointer: `/${issue.path.join('/')}`,
    message: issue.message,
  }));
}

const monday = (start: string, end: string) => ({ day: 1, start, end });
const base = { timeZone: 'Asia/Seoul', holidays: [] };

// biome-ignore format: one case per line reads as a table
const rejected: [string, unknown, string, RegExp][] = [
  ['an unknown zone', { ...base, timeZone: 'Mars/Olympus_Mons', weekly: [monday('09:00', '17:00')] }, '/timeZone', /not a known IANA time zone/],
  ['a fixed offset instead of a zone', { ...base, timeZone: '+09:00', weekly: [monday('09:00', '17:00')] }, '/timeZone', /IANA/],
  ['no working hours', { ...base, weekly: [] }, '/weekly', /at least one working-hours window/],
  ['an inverted window', { ...base, weekly: [monday('17:00', '09:00')] }, '/weekly/0/end', /after start \(17:00\)/],
  ['an empty window', { ...base, weekly: [monday('09:00', '09:00')] }, '/weekly/0/end', /after start/],
  ['overlapping windows', { ...base, weekly: [monday('09:00', '12:00'), monday('11:00', '14:00')] }, '/weekly/1', /overlaps \/weekly\/0 \(Monday 09:00-12:00\)/],
  ['a window inside a longer one', { ...base, weekly: [monday('08:00', '18:00'), monday('13:00', '14:00'), monday('15:00', '16:00')] }, '/weekly/1', /overlaps \/weekly\/0/],
  ['a malformed time', { ...base, weekly: [monday('9:00', '17:00')] }, '/weekly/0/start', /HH:MM/],
  ['24:00 as a start', { ...base, weekly: [monday('24:00', '24:00')] }, '/weekly/0/start', /HH:MM/],
  ['a day out of range', { ...base, weekly: [{ day: 7, start: '09:00', end: '17:00' }] }, '/weekly/0/day', /./],
  ['an impossible holiday', { ...base, weekly: [monday('09:00', '17:00')], holidays: [{ date: '2024-02-30', name: 'x' }] }, '/holidays/0/date', /real calendar date/],
  ['an unknown property', { ...base, weekly: [monday('09:00', '17:00')], hours: 8 }, '/', /hours/],
];

describe('businessCalendarSchema', () => {
  for (const [name, input, pointer, message] of rejected) {
    it(`rejects ${name} at ${pointer}`, () => {
      const found = problems(input);
      assert.ok(
        found.some((p) => p.pointer === pointer && message.test(p.message)),
        JSON.stringify(found),
      );
    });
  }

  it('accepts windows that touch, several a day, and 24:00', () => {
    for (const calendar of [
      newYorkOffice,
      seoulOffice,
      seoulNightShift,
      seoulAroundTheClock,
      alwaysOpenCalendar,
    ]) {
      assert.deepEqual(problems(calendar), []);
    }
    assert.deepEqual(problems({ ...base, weekly: [monday('09:00', '12:00'), monday('12:00', '24:00')] }), []);
  });

  it('defaults holidays to none', () => {
    const parsed = businessCalendarSchema.parse({
      timeZone: 'Europe/London',
      weekly: [monday('09:00', '17:00')],
    });
    assert.deepEqual(parsed.holidays, []);
  });

  it('reports every problem at once', () => {
    const found = problems({
      timeZone: 'Nowhere',
      weekly: [monday('10:00', '09:00'), monday('08:00', '12:00'), monday('11:00', '13:00')],
      holidays: [],
    });
    assert.deepEqual(
      found.map((p) => p.pointer),
      ['/timeZone', '/weekly/0/end', '/weekly/2'],
    );
  });
});
