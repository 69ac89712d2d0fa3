/**
 * The IMAP poller's rows: mailboxes to poll, and per mailbox the sync position and the lease
 * that makes one instance its poller. Lease times use the database clock, shared by all
 * instances.
 */
import { type Kysely, sql } from 'kysely';
import type { DB } from '../../db/schema.ts';

export type ImapMailboxRow = {
  id: string;
  workspace_id: string;
  address: string;
  imap_host: string | null;
  imap_port: number | null;
  imap_secure: boolean;
  imap_user: string | null;
  imap_password_encrypted: string | null;
  imap_folder: string;
  updated_at: Date | string;
};

export async function listImapMailboxes(db: Kysely<DB>): Promise<ImapMailboxRow[]> {
  return db
    .selectFrom('mailboxes')
    .select([
      'id',
      'workspace_id',
      'address',
      'imap_host',
      'imap_port',
      'imap_secure',
      'imap_user',
      'imap_password_encrypted',
      'imap_folder',
      'updated_at',
    ])
    .where('imap_enabled', '=', true)
    .where('imap_host', 'is not', null)
    .orderBy('id')
    .execute();
}

/** Takes or renews the lease; true when this instance holds it for the next `leaseMs`. */
export async function acquireLease(
  db: Kysely<DB>,
  mailbox: { id: string; workspace_id: string },
  owner: string,
  leaseMs: number,
): Promise<boolean> {
  const result = await sql<{ mailbox_id: string }>`
    insert into imap_sync_state (mailbox_id, workspace_id, lease_owner, lease_until, updated_at)
    values (${mailbox.id}, ${mailbox.workspace_id}, ${owner},
            now() + ${leaseMs} * interval '1 millisecond', now())
    on conflict (mailbox_id) do update
      set lease_owner = excluded.lease_owner, lease_until = excluded.lease_until, updated_at = now()
      where imap_sync_state.lease_owner is null
         or imap_sync_state.lease_owner = excluded.lease_owner
         or imap_sync_state.lease_until < now()
    returning mailbox_id`.execute(db);
  return result.rows.length === 1;
}

export async function readSyncState(db: Kysely<DB>, mailboxId: string) {
  return db
    .selectFrom('imap_sync_state')
    .select(['uid_validity', 'last_uid', 'lease_owner', 'lease_until', 'last_error'])
    .where('mailbox_id', '=', mailboxId)
    .executeTakeFirst();
}

export async function releaseLeases(db: Kysely<DB>, owner: string): Promise<void> {
  await db
    .updateTable('imap_sync_state')
    .set({ lease_owner: null, lease_until: null, updated_at: sql<Date>`now()` })
    .where('lease_owner', '=', owner)
    .execute();
}
