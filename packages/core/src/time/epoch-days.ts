/**
 * Calendar arithmetic on "epoch days" (days since 1970-01-01) and "local epoch ms" (a local
 * wall-clock reading written as if it were UTC). Plain integers keep the day loops free of
 * Temporal objects; only UTC offsets need the time-zone database (zone-offsets.ts).
 */
export const dayMs = 86_400_000;

/** 0 = Sunday … 6 = Saturday; 1970-01-01 was a Thursday. */
export function weekdayOfEpochDay(epochDay: number): number {
  return (((epochDay + 4) % 7) + 7) % 7;
}

export function epochDayOfIsoDate(isoDate: string): number {
  const [year = 0, month = 0, day = 0] = isoDate.split('-').map(Number);
  return Date.UTC(year, month - 1, day) / dayMs;
}
