/**
 * Reply tokens: our outbound mail sets Reply-To `support+<token>@domain`, so a reply threads
 * even when the client dropped In-Reply-To and the subject. The token is the ticket id (hex)
 * and a 40-bit HMAC of it under the workspace's random key: not guessable, verified in
 * constant time, lower-case only (some servers lower-case local parts).
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';

const MAC_HEX = 10;

function macOf(key: Buffer | string, ticketHex: string): string {
  return createHmac('sha256', key).update(`reply-token:v1:${ticketHex}`).digest('hex').slice(0, MAC_HEX);
}

/** `<32 hex of the ticket id><10 hex of HMAC>`: 42 characters. */
export function replyTokenFor(key: Buffer | string, ticketId: string): string {
  const hex = ticketId.replace(/-/g, '').toLowerCase();
  return `${hex}${macOf(key, hex)}`;
}

/** The ticket id a token names, or null when it is malformed or forged. */
export function verifyReplyToken(key: Buffer | string, token: string): string | null {
  const t = token.toLowerCase();
  if (!/^[0-9a-f]{42}$/.test(t)) return null;
  const hex = t.slice(0, 32);
  const expected = Buffer.from(macOf(key, hex));
  const given = Buffer.from(t.slice(32));
  if (!timingSafeEqual(expected, given)) return null;
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** `support@acme.com` + token → `support+<token>@acme.com`. */
export function replyAddressFor(mailboxAddress: string, token: string): string {
  const at = mailboxAddress.lastIndexOf('@');
  return `${mailboxAddress.slice(0, at)}+${token}${mailboxAddress.slice(at)}`;
}

/** The `+tag` of each recipient address (`support+tag@x` → `tag`). */
export function plusTagsOf(recipients: readonly string[]): string[] {
  return recipients
    .map((r) => /^[^+@\s]+\+([^@\s]+)@/.exec(r.trim())?.[1])
    .filter((t): t is string => Boolean(t));
}

/** The workspace's reply-token key, created on first use (safe under concurrency). */
export async function replyTokenKeyOf(db: Kysely<DB>, workspaceId: string): Promise<Buffer> {
  const found = await db
    .selectFrom('email_reply_keys')
    .select('key_hex')
    .where('workspace_id', '=', workspaceId)
    .executeTakeFirst();
  if (found) return Buffer.from(found.key_hex, 'hex');
  await db
    .insertInto('email_reply_keys')
    .values({ workspace_id: workspaceId, key_hex: randomBytes(32).toString('hex') })
    .onConflict((oc) => oc.column('workspace_id').doNothing())
    .execute();
  const row = await db
    .selectFrom('email_reply_keys')
    .select('key_hex')
    .where('workspace_id', '=', workspaceId)
    .executeTakeFirstOrThrow();
  return Buffer.from(row.key_hex, 'hex');
}
