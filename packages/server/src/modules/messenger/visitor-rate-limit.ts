/**
 * Per-key request budgets for the visitor API (fixed one-minute windows, in memory). The
 * app-wide limiter only guards /api/; visitors are anonymous strangers on other sites, so
 * their endpoints get budgets of their own: by IP to open sessions, by visitor otherwise.
 * Per instance, like the app-wide limiter: N instances allow N times the budget.
 */
import { DomainError } from '@switchboard/core';

export type RateLimiter = { take(key: string, now: number): void };

export function fixedWindowLimiter(limitPerMinute: number): RateLimiter {
  const windows = new Map<string, { start: number; count: number }>();
  return {
    take(key, now) {
      const window = windows.get(key);
      if (!window || now - window.start >= 60_000) {
        if (windows.size > 50_000) windows.clear();
        windows.set(key, { start: now, count: 1 });
        return;
      }
      window.count += 1;
      if (window.count > limitPerMinute) {
        const retryS = Math.ceil((window.start + 60_000 - now) / 1000);
        throw new DomainError('RATE_LIMITED', `Too many requests: retry in ${retryS} s.`, {
          retryAfterSeconds: retryS,
        });
      }
    },
  };
}
