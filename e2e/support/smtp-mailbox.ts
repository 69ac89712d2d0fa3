/**
 * Mailboxes for the SMTP/IMAP journeys, written straight into the database (the mailbox API
 * is not what these tests are about). An IMAP password is sealed with the configured
 * SWITCHBOARD_SECRET_KEY, exactly as the API stores it.
 */
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../../packages/server/src/db/schema.ts';
import { secretBox } from '../../packages/server/src/platform/secret-box.ts';

/** 32 bytes of hex for SWITCHBOARD_SECRET_KEY in tests. */
export const TEST_SECRET_KEY = '7f'.repeat(32);

export type ImapSettings = {
  host: string;
  port: number;
  user: string;
  password: string;
  folder?: string;
};

export async function insertMailbox(
  db: Kysely<DB>,
  input: { workspaceId: string; address: string; name?: string; imap?: ImapSettings },
): Promise<string> {
  const id = randomUUID();
  const now = new Date();
  await db
    .insertInto('mailboxes')
    .values({
      id,
      workspace_id: input.workspaceId,
      address: input.address.toLowerCase(),
      name: input.name ?? input.address,
      inbound_secret_hash: 'e2e-not-used',
      ...(input.imap
        ? {
            imap_host: input.imap.host,
            imap_port: input.imap.port,
            imap_secure: false,
            imap_user: input.imap.user,
            imap_password_encrypted: secretBox(Buffer.from(TEST_SECRET_KEY, 'hex')).encrypt(
              input.imap.password,
            ),
            imap_folder: input.imap.folder ?? 'INBOX',
            imap_enabled: true,
          }
        : {}),
      created_at: now,
      updated_at: now,
    })
    .execute();
  return id;
}

/** Polls `check` every 100 ms until it returns a value other than undefined, or fails after `ms`. */
export async function eventually<T>(
  what: string,
  check: () => Promise<T | undefined>,
  ms = 30_000,
): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
