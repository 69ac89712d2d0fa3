/** The only code of the attachments module that speaks SQL. */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { AttachmentRow } from '../tickets/tickets.repository.ts';

export async function findAttachment(
  db: Kysely<DB>,
  workspaceId: string,
  id: string,
): Promise<AttachmentRow | undefined> {
  return db
    .selectFrom('attachments')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export type NewAttachmentRow = {
  id: string;
  workspace_id: string;
  sha256: string;
  filename: string;
  content_type: string;
  size_bytes: number;
  created_at: Date;
};

/** A fresh upload belongs to no message until a ticket or reply claims it. */
export async function insertAttachment(db: Kysely<DB>, row: NewAttachmentRow): Promise<AttachmentRow> {
  return db
    .insertInto('attachments')
    .values({ ...row, message_id: null })
    .returningAll()
    .executeTakeFirstOrThrow();
}
