/** Records how far one side of a conversation has read; the receipt is published after commit. */
import { validationError } from '@switchboard/core';
import type { Kysely } from 'kysely';
import type { DB } from '../../../db/schema.ts';
import { isPublicMessageOf, upsertReadState } from '../messenger.repository.ts';

export async function markRead(
  trx: Kysely<DB>,
  input: { workspaceId: string; ticketId: string; side: 'visitor' | 'agent'; messageId: string; at: Date },
): Promise<void> {
  if (!(await isPublicMessageOf(trx, input.workspaceId, input.ticketId, input.messageId))) {
    throw validationError([
      { pointer: '/messageId', message: 'no such public message in this conversation' },
    ]);
  }
  await upsertReadState(trx, {
    workspace_id: input.workspaceId,
    ticket_id: input.ticketId,
    side: input.side,
    last_read_message_id: input.messageId,
    read_at: input.at,
  });
}
