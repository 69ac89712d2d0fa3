/**
 * The contact form's signed timestamp: `<issued at, ms>.<HMAC-SHA256(channel secret,
 * "<channel id>.<issued at>")>`. Bots that post at once (under 2 s) or replay an old page
 * (over a day) are refused; a forged or mangled token counts as expired.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export const MIN_FILL_MS = 2_000;
export const MAX_AGE_MS = 24 * 3600 * 1000;

export type TokenCheck = 'ok' | 'too_fast' | 'expired';

function signature(secret: string, channelId: string, issuedAtMs: number): string {
  return createHmac('sha256', secret).update(`${channelId}.${issuedAtMs}`).digest('base64url');
}

export function issueFormToken(secret: string, channelId: string, nowMs: number): string {
  return `${nowMs}.${signature(secret, channelId, nowMs)}`;
}

export function checkFormToken(token: string, secret: string, channelId: string, nowMs: number): TokenCheck {
  const match = /^(\d{1,15})\.([A-Za-z0-9_-]{43})$/.exec(token.trim());
  if (!match) return 'expired';
  const issuedAtMs = Number(match[1]);
  const expected = Buffer.from(signature(secret, channelId, issuedAtMs));
  const given = Buffer.from(match[2] ?? '');
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return 'expired';
  const age = nowMs - issuedAtMs;
  if (age < MIN_FILL_MS) return 'too_fast';
  if (age > MAX_AGE_MS) return 'expired';
  return 'ok';
}
