/** Calendars shared by the time and SLA tests. */
import type { BusinessCalendar } from './business-calendar.ts';

const weekdays = [1, 2, 3, 4, 5];

export const newYorkOffice: BusinessCalendar = {
  timeZone: 'America/New_York',
  weekly: weekdays.map((day) => ({ day, start: '09:00', end: '17:00' })),
  holidays: [
    { date: '2024-12-25', name: 'Christmas Day' },
    { date: '2025-01-01', name: "New Year's Day" },
  ],
};

export const londonOffice: BusinessCalendar = {
  timeZone: 'Europe/London',
  weekly: weekdays.map((day) => ({ day, start: '09:00', end: '17:00' })),
  holidays: [],
};

export const seoulOffice: BusinessCalendar = {
  timeZone: 'Asia/Seoul',
  weekly: weekdays.flatMap((day) => [
    { day, start: '09:00', end: '12:00' },
    { day, start: '13:00', end: '18:00' },
  ]),
  holidays: [
    { date: '2024-09-16', name: '추석 연휴' },
    { date: '2024-09-17', name: '추석' },
    { date: '2024-09-18', name: '추석 연휴' },
  ],
};

/** Open all day every day, closed on New Year's Day, in Seoul. */
export const seoulAroundTheClock: BusinessCalendar = {
  timeZone: 'Asia/Seoul',
  weekly: [0, 1, 2, 3, 4, 5, 6].map((day) => ({ day, start: '00:00', end: '24:00' })),
  holidays: [{ date: '2025-01-01', name: '신정' }],
};

/** A Friday-night shift that runs past midnight into Saturday morning, in Seoul. */
export const seoulNightShift: BusinessCalendar = {
  timeZone: 'Asia/Seoul',
  weekly: [
    { day: 5, start: '22:00', end: '24:00' },
    { day: 6, start: '00:00', end: '06:00' },
  ],
  holidays: [],
};

/** Sunday windows placed on the hours DST removes or repeats. */
export function sundayWindow(timeZone: string, start: string, end: string): BusinessCalendar {
  return { timeZone, weekly: [{ day: 0, start, end }], holidays: [] };
}
