/**
 * Contact form submissions per client address in fixed one-hour windows, in this process's
 * memory: enough to stop one address flooding one instance (several instances each allow the
 * limit). Old windows are dropped as new ones start, so memory stays bounded by active clients.
 */
export type SubmissionLimiter = { tryTake(key: string, nowMs: number): boolean };

export function createSubmissionLimiter(limitPerWindow: number, windowMs = 3600_000): SubmissionLimiter {
  let windowStart = 0;
  let counts = new Map<string, number>();
  return {
    tryTake(key, nowMs) {
      const start = nowMs - (nowMs % windowMs);
      if (start !== windowStart) {
        windowStart = start;
        counts = new Map();
      }
      const used = counts.get(key) ?? 0;
      if (used >= limitPerWindow) return false;
      counts.set(key, used + 1);
      return true;
    },
  };
}
