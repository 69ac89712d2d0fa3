/** Dates in the UI language: relative for recent times, the exact time for the tooltip. */

const formatters = new Map<string, Intl.DateTimeFormat>();

export function formatExact(iso: string, lng: string): string {
  let f = formatters.get(lng);
  if (!f) {
    f = new Intl.DateTimeFormat(lng, { dateStyle: 'medium', timeStyle: 'short' });
    formatters.set(lng, f);
  }
  return f.format(new Date(iso));
}

export function formatRelative(iso: string, lng: string, nowMs: number): string {
  const diffSeconds = Math.round((new Date(iso).getTime() - nowMs) / 1000);
  const rtf = new Intl.RelativeTimeFormat(lng, { numeric: 'auto', style: 'short' });
  const abs = Math.abs(diffSeconds);
  if (abs < 60) return rtf.format(diffSeconds, 'second');
  if (abs < 3600) return rtf.format(Math.round(diffSeconds / 60), 'minute');
  if (abs < 86_400) return rtf.format(Math.round(diffSeconds / 3600), 'hour');
  if (abs < 7 * 86_400) return rtf.format(Math.round(diffSeconds / 86_400), 'day');
  return formatExact(iso, lng);
}
