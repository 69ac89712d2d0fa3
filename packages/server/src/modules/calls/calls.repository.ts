/** SQL of phone call logs. */
import type { CallDto } from '@switchboard/core';
import type { Insertable, Kysely, Selectable } from 'kysely';
import type { CallsTable, DB } from '../../db/schema.ts';

export type CallRow = Selectable<CallsTable>;

export function toCallDto(row: CallRow): CallDto {
  return {
    id: row.id,
    ticketId: row.ticket_id,
    messageId: row.message_id,
    direction: row.direction,
    fromNumber: row.from_number,
    toNumber: row.to_number,
    durationSeconds: row.duration_seconds,
    agentId: row.agent_id,
    recordingAttachmentId: row.recording_attachment_id,
    recordingUrl: row.recording_url,
    transcript: row.transcript,
    startedAt: row.started_at.toISOString(),
    endedAt: row.ended_at ? row.ended_at.toISOString() : null,
    externalId: row.external_id,
    createdAt: row.created_at.toISOString(),
  };
}

export async function insertCall(db: Kysely<DB>, row: Insertable<CallsTable>): Promise<CallRow> {
  return db.insertInto('calls').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function findCallByExternalId(
  db: Kysely<DB>,
  workspaceId: string,
  externalId: string,
): Promise<CallRow | undefined> {
  return db
    .selectFrom('calls')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('external_id', '=', externalId)
    .executeTakeFirst();
}

/** A ticket's calls in the order they happened (merged tickets' calls follow their messages). */
export async function listCallsOfTicket(
  db: Kysely<DB>,
  workspaceId: string,
  ticketId: string,
): Promise<CallRow[]> {
  return db
    .selectFrom('calls as c')
    .innerJoin('messages as m', (j) =>
      j.onRef('m.workspace_id', '=', 'c.workspace_id').onRef('m.id', '=', 'c.message_id'),
    )
    .selectAll('c')
    .where('c.workspace_id', '=', workspaceId)
    .where('m.ticket_id', '=', ticketId)
    .orderBy('c.started_at')
    .orderBy('c.id')
    .execute();
}
