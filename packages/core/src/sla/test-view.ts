/** Test helper: an SlaClock as Seoul-local strings, keeping only the keys a case names. */
import type { SlaClock } from './sla-clock.ts';

export type ClockView = Partial<{
  status: SlaClock['status'];
  startedAt: string | null;
  dueAt: string | null;
  warnAt: string | null;
  breachedAt: string | null;
  metAt: string | null;
  elapsed: number;
  remaining: number | null;
}>;

export function local(date: Date | null): string | null {
  if (!date) return null;
  return new Date(date.getTime() + 9 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');
}

export function viewOf(clock: SlaClock, keys: readonly string[]): ClockView {
  const full: Required<ClockView> = {
    status: clock.status,
    startedAt: local(clock.startedAt),
    dueAt: local(clock.dueAt),
    warnAt: local(clock.warnAt),
    breachedAt: local(clock.breachedAt),
    metAt: local(clock.metAt),
    elapsed: clock.elapsedBusinessMinutes,
    remaining: clock.remainingBusinessMinutes,
  };
  return Object.fromEntries(keys.map((key) => [key, full[key as keyof ClockView]]));
}
