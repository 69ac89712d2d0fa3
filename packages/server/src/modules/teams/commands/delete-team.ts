/**
 * Deletes a team. Its tickets lose the team in the same transaction (they stay with their
 * assignee, if any); members simply stop belonging to it.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../../db/schema.ts';
import type { Actor } from '../../../platform/actor.ts';
import type { Deps } from '../../../platform/deps.ts';
import { appendEvents } from '../../events/events.repository.ts';
import { deleteTeamRow, listMemberIdsOfTeams } from '../teams.repository.ts';
import { lockTeam } from './update-team.ts';

export async function deleteTeam(
  deps: Pick<Deps, 'clock'>,
  trx: Kysely<DB>,
  actor: Actor,
  input: { teamId: string },
): Promise<void> {
  const ws = actor.workspaceId;
  const team = await lockTeam(trx, ws, input.teamId);
  const memberIds = (await listMemberIdsOfTeams(trx, ws, [team.id])).get(team.id) ?? [];
  const ticketsCleared = await deleteTeamRow(trx, ws, team.id);
  await appendEvents(trx, actor, deps.clock.now(), [
    {
      subjectType: 'team',
      subjectId: team.id,
      type: 'team.deleted',
      data: { name: team.name, memberIds, ticketsCleared },
    },
  ]);
}
