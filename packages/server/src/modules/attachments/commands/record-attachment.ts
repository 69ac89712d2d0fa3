/**
 * Records an upload whose bytes are already in the attachment store. The blob is written
 * before the transaction opens (no disk IO while holding a transaction); if this transaction
 * then fails, the blob is merely unreferenced, which content addressing makes harmless.
 */
import type { AttachmentDto } from '@switchboard/core';
import type { Kysely } from 'kysely';
import type { DB } from '../../../db/schema.ts';
import type { Actor } from '../../../platform/actor.ts';
import type { Deps } from '../../../platform/deps.ts';
import { appendEvents } from '../../events/events.repository.ts';
import { toAttachmentDto } from '../../tickets/tickets.repository.ts';
import { insertAttachment } from '../attachments.repository.ts';

export type StoredUpload = {
  filename: string;
  contentType: string;
  sha256: string;
  sizeBytes: number;
};

export async function recordAttachment(
  deps: Pick<Deps, 'clock' | 'ids'>,
  trx: Kysely<DB>,
  actor: Actor,
  input: StoredUpload,
): Promise<AttachmentDto> {
  const now = deps.clock.now();
  const row = await insertAttachment(trx, {
    id: deps.ids.next(),
    workspace_id: actor.workspaceId,
    sha256: input.sha256,
    filename: input.filename,
    content_type: input.contentType,
    size_bytes: input.sizeBytes,
    created_at: now,
  });
  await appendEvents(trx, actor, now, [
    {
      subjectType: 'attachment',
      subjectId: row.id,
      type: 'attachment.uploaded',
      data: {
        filename: row.filename,
        contentType: row.content_type,
        sizeBytes: input.sizeBytes,
        sha256: row.sha256,
      },
    },
  ]);
  return toAttachmentDto(row);
}
