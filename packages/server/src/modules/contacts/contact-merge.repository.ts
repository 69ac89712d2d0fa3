/**
 * SQL of merging one contact into another: everything that points at the source moves to
 * the target, so the source row can be deleted without orphaning anything.
 */
import { type Kysely, sql } from 'kysely';
import type { DB } from '../../db/schema.ts';

export async function moveIdentities(db: Kysely<DB>, workspaceId: string, fromId: string, toId: string) {
  const result = await db
    .updateTable('contact_identities')
    .set({ contact_id: toId })
    .where('workspace_id', '=', workspaceId)
    .where('contact_id', '=', fromId)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/**
 * Gives every ticket of `fromId` (soft-deleted ones too, or the contact row could not be
 * deleted) to `toId` and its organisation, bumping each ticket's version so stale ETags fail.
 * Returns each moved ticket with the organisation it had.
 */
export async function reassignTickets(
  db: Kysely<DB>,
  input: { workspaceId: string; fromId: string; toId: string; organizationId: string | null; at: Date },
): Promise<{ id: string; organization_id: string | null }[]> {
  const before = await db
    .selectFrom('tickets')
    .select(['id', 'organization_id'])
    .where('workspace_id', '=', input.workspaceId)
    .where('requester_id', '=', input.fromId)
    .orderBy('id')
    .forUpdate()
    .execute();
  if (before.length === 0) return [];
  await db
    .updateTable('tickets')
    .set({
      requester_id: input.toId,
      organization_id: input.organizationId,
      updated_at: input.at,
      version: sql<number>`version + 1`,
    })
    .where('workspace_id', '=', input.workspaceId)
    .where('requester_id', '=', input.fromId)
    .execute();
  return before;
}

/**
 * Messages the customer wrote stay attributed to the person under the surviving id, on any
 * ticket (a merged ticket can hold them). No index on author_id: merges are rare and manual.
 */
export async function reassignMessageAuthor(
  db: Kysely<DB>,
  workspaceId: string,
  fromId: string,
  toId: string,
) {
  await db
    .updateTable('messages')
    .set({ author_id: toId })
    .where('workspace_id', '=', workspaceId)
    .where('author_type', '=', 'contact')
    .where('author_id', '=', fromId)
    .execute();
}
