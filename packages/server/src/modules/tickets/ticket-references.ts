/**
 * Checks that ids a ticket write points at exist in the caller's workspace and may be used
 * there. Every problem becomes a field error with its JSON pointer, reported together.
 */
import type { FieldError } from '@switchboard/core';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { listAncestorIds } from './tickets.repository.ts';

export type TicketReferences = {
  assigneeId?: string | null | undefined;
  teamId?: string | null | undefined;
  parentId?: string | null | undefined;
  followerIds?: string[] | undefined;
};

export async function checkTicketReferences(
  db: Kysely<DB>,
  workspaceId: string,
  refs: TicketReferences,
  self: { ticketId: string | null },
): Promise<FieldError[]> {
  const errors: FieldError[] = [];
  const userIds = [...(refs.assigneeId ? [refs.assigneeId] : []), ...(refs.followerIds ?? [])];
  const users =
    userIds.length === 0
      ? []
      : await db
          .selectFrom('users')
          .select(['id', 'role', 'deactivated_at'])
          .where('workspace_id', '=', workspaceId)
          .where('id', 'in', userIds)
          .execute();
  const userById = new Map(users.map((u) => [u.id, u]));
  if (refs.assigneeId) {
    const user = userById.get(refs.assigneeId);
    if (!user || user.deactivated_at)
      errors.push({ pointer: '/assigneeId', message: 'no such active agent' });
    else if (user.role === 'light_agent') {
      errors.push({ pointer: '/assigneeId', message: 'light agents cannot be assigned tickets' });
    }
  }
  refs.followerIds?.forEach((id, i) => {
    if (!userById.has(id)) errors.push({ pointer: `/followerIds/${i}`, message: 'no such agent' });
  });
  if (refs.teamId) {
    const team = await db
      .selectFrom('teams')
      .select('id')
      .where('workspace_id', '=', workspaceId)
      .where('id', '=', refs.teamId)
      .executeTakeFirst();
    if (!team) errors.push({ pointer: '/teamId', message: 'no such team' });
  }
  if (refs.parentId) errors.push(...(await checkParent(db, workspaceId, refs.parentId, self.ticketId)));
  return errors;
}

async function checkParent(
  db: Kysely<DB>,
  workspaceId: string,
  parentId: string,
  ticketId: string | null,
): Promise<FieldError[]> {
  if (parentId === ticketId) return [{ pointer: '/parentId', message: 'a ticket cannot be its own parent' }];
  const parent = await db
    .selectFrom('tickets')
    .select(['id', 'merged_into_id'])
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', parentId)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
  if (!parent) return [{ pointer: '/parentId', message: 'no such ticket' }];
  if (parent.merged_into_id)
    return [{ pointer: '/parentId', message: 'the parent was merged into another ticket' }];
  if (ticketId && (await listAncestorIds(db, workspaceId, parentId)).includes(ticketId)) {
    return [{ pointer: '/parentId', message: 'this link would make a cycle of parent tickets' }];
  }
  return [];
}
