import { randomBytes } from 'node:crypto';

/** A signing key: 32 random bytes (the HMAC-SHA256 block's worth of entropy), base64url. */
export function generateWebhookSecret(): string {
  return randomBytes(32).toString('base64url');
}
