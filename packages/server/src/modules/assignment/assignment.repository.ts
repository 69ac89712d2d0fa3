/** SQL for assignment: candidate agents with their current load, and round-robin cursors. */
import type { AgentCandidate } from '@switchboard/core';
import { type Kysely, sql } from 'kysely';
import type { DB } from '../../db/schema.ts';

/** Active agents (not light agents) with skills, team ids and open assigned tickets. */
export async function loadCandidates(db: Kysely<DB>, workspaceId: string): Promise<AgentCandidate[]> {
  const { rows } = await sql<{
    id: string;
    status: 'online' | 'away' | 'offline';
    capacity: number;
    languages: string[];
    topics: string[];
    team_ids: string[] | null;
    open_tickets: number;
  }>`
    select u.id, u.status, u.capacity, u.languages, u.topics,
           (select array_agg(m.team_id) from team_members m where m.workspace_id = u.workspace_id and m.user_id = u.id) as team_ids,
           (select count(*)::int from tickets t
             where t.workspace_id = u.workspace_id and t.assignee_id = u.id
               and t.status in ('new', 'open', 'pending', 'on_hold') and t.deleted_at is null) as open_tickets
      from users u
     where u.workspace_id = ${workspaceId} and u.deactivated_at is null and u.role <> 'light_agent'
     order by u.id`.execute(db);
  return rows.map((r) => ({
    id: r.id,
    status: r.status,
    capacity: r.capacity,
    openTickets: Number(r.open_tickets),
    languages: r.languages,
    topics: r.topics,
    teamIds: r.team_ids ?? [],
  }));
}

/** The cursor row, locked: concurrent assignments in every instance queue behind it. */
export async function lockCursor(
  db: Kysely<DB>,
  workspaceId: string,
  scope: string,
  at: Date,
): Promise<string | null> {
  await db
    .insertInto('assignment_cursors')
    .values({ workspace_id: workspaceId, scope, last_agent_id: null, updated_at: at })
    .onConflict((oc) => oc.doNothing())
    .execute();
  const row = await db
    .selectFrom('assignment_cursors')
    .select('last_agent_id')
    .where('workspace_id', '=', workspaceId)
    .where('scope', '=', scope)
    .forUpdate()
    .executeTakeFirstOrThrow();
  return row.last_agent_id;
}

export async function saveCursor(
  db: Kysely<DB>,
  workspaceId: string,
  scope: string,
  agentId: string,
  at: Date,
) {
  await db
    .updateTable('assignment_cursors')
    .set({ last_agent_id: agentId, updated_at: at })
    .where('workspace_id', '=', workspaceId)
    .where('scope', '=', scope)
    .execute();
}
