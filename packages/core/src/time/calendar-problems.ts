/**
 * The cross-field rules of a business calendar, shared by the zod schema and by
 * compileCalendar so an API request and a stored calendar fail the same way.
 */
import { Temporal } from 'temporal-polyfill';

export type CalendarProblem = { path: (string | number)[]; message: string };

type CalendarShape = {
  timeZone: string;
  weekly: readonly { day: number; start: string; end: string }[];
};

const dayNames = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/** Minutes after local midnight for 'HH:MM' (24:00 → 1440), or null when malformed. */
export function parseClockMinutes(value: string): number | null {
  const match = /^(\d{2}):(\d{2})$/.exec(value);
  if (!match) return null;
  const minutes = Number(match[1]) * 60 + Number(match[2]);
  return Number(match[2]) < 60 && minutes <= 1440 ? minutes : null;
}

/** Whether Temporal knows the zone; fixed offsets such as +09:00 are refused so DST rules stay named. */
export function isKnownTimeZone(timeZone: string): boolean {
  if (/^[+-]/.test(timeZone)) return false;
  try {
    Temporal.Instant.fromEpochMilliseconds(0).toZonedDateTimeISO(timeZone);
    return true;
  } catch {
    // Temporal throws RangeError for an unknown zone; that is exactly the answer "no".
    return false;
  }
}

export function calendarProblems(calendar: CalendarShape): CalendarProblem[] {
  const problems: CalendarProblem[] = [];
  if (!isKnownTimeZone(calendar.timeZone)) {
    problems.push({
      path: ['timeZone'],
      message: `'${calendar.timeZone}' is not a known IANA time zone such as Asia/Seoul or America/New_York.`,
    });
  }
  if (calendar.weekly.length === 0) {
    problems.push({
      path: ['weekly'],
      message: 'A calendar needs at least one working-hours window; use the always-open calendar for 24/7.',
    });
  }
  problems.push(...windowProblems(calendar.weekly));
  return problems;
}

type ParsedWindow = { index: number; day: number; start: number; end: number };

function windowProblems(weekly: CalendarShape['weekly']): CalendarProblem[] {
  const problems: CalendarProblem[] = [];
  const valid: ParsedWindow[] = [];
  weekly.forEach((window, index) => {
    const start = parseClockMinutes(window.start);
    const end = parseClockMinutes(window.end);
    if (start === null || end === null) return;
    if (end <= start) {
      problems.push({ path: ['weekly', index, 'end'], message: `must be after start (${window.start}).` });
      return;
    }
    valid.push({ index, day: window.day, start, end });
  });
  valid.sort((a, b) => a.day - b.day || a.start - b.start || a.index - b.index);
  let reach: ParsedWindow | undefined;
  for (const window of valid) {
    if (reach && reach.day === window.day && window.start < reach.end) {
      const original = weekly[reach.index];
      problems.push({
        path: ['weekly', window.index],
        message: `overlaps /weekly/${reach.index} (${dayNames[reach.day]} ${original?.start}-${original?.end}).`,
      });
    }
    if (!reach || reach.day !== window.day || window.end > reach.end) reach = window;
  }
  return problems;
}
