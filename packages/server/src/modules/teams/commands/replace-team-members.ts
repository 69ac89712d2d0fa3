/** Sets a team's membership to exactly the given users, recording who joined and who left. */
import { type TeamDto, validationError } from '@switchboard/core';
import type { Kysely } from 'kysely';
import type { DB } from '../../../db/schema.ts';
import type { Actor } from '../../../platform/actor.ts';
import type { Deps } from '../../../platform/deps.ts';
import { appendEvents } from '../../events/events.repository.ts';
import { checkMembers } from '../check-members.ts';
import { listMemberIdsOfTeams, replaceTeamMembers, toTeamDto } from '../teams.repository.ts';
import { lockTeam } from './update-team.ts';

export async function replaceMembersOfTeam(
  deps: Pick<Deps, 'clock'>,
  trx: Kysely<DB>,
  actor: Actor,
  input: { teamId: string; userIds: string[] },
): Promise<TeamDto> {
  const ws = actor.workspaceId;
  // The team row lock serialises concurrent replacements, so each diff is against the truth.
  const team = await lockTeam(trx, ws, input.teamId);
  const current = (await listMemberIdsOfTeams(trx, ws, [team.id])).get(team.id) ?? [];
  const errors = await checkMembers(trx, ws, {
    userIds: input.userIds,
    currentMemberIds: current,
    pointer: '/userIds',
  });
  if (errors.length > 0) throw validationError(errors);
  const { added, removed } = await replaceTeamMembers(trx, ws, team.id, input.userIds);
  const memberIds = [...new Set(input.userIds)].sort();
  if (added.length > 0 || removed.length > 0) {
    await appendEvents(trx, actor, deps.clock.now(), [
      {
        subjectType: 'team',
        subjectId: team.id,
        type: 'team.members_changed',
        data: { added, removed, memberIds },
      },
    ]);
  }
  return toTeamDto(team, memberIds);
}
