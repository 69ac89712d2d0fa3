-- IMAP polling state, one row per mailbox: where the poller got to (UIDVALIDITY and the
-- last UID stored, advanced only after the mail is committed) and a lease, so that with
-- several instances each mailbox is polled by exactly one of them at a time.

create table imap_sync_state (
  mailbox_id uuid primary key references mailboxes (id) on delete cascade,
  workspace_id uuid not null references workspaces (id),
  uid_validity bigint,
  last_uid bigint not null default 0 check (last_uid >= 0),
  lease_owner text,
  lease_until timestamptz,
  last_error text,
  last_polled_at timestamptz,
  updated_at timestamptz not null
);
