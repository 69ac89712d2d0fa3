/**
 * Business-hours calendars and business-time arithmetic. Pure: instants are UTC `Date`s,
 * intervals are half-open [start, end), and nothing reads the clock. Semantics of local
 * time, DST and holidays are described in business-intervals.ts.
 */
export { addBusinessMinutes } from './add-business-minutes.ts';
export {
  alwaysOpenCalendar,
  type BusinessCalendar,
  businessCalendarSchema,
  type Holiday,
  holidaySchema,
  type WeeklyWindow,
  weeklyWindowSchema,
} from './business-calendar.ts';
export { businessMinutesBetween } from './business-minutes-between.ts';
export { isWithinBusinessHours } from './is-within-business-hours.ts';
export { type BusinessTransition, nextBusinessTransition } from './next-business-transition.ts';
export type { TimeInterval } from './paused-spans.ts';
