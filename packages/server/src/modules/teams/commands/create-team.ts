/** Creates a team, optionally with its first members. */
import { type CreateTeamInput, type TeamDto, validationError } from '@switchboard/core';
import type { Kysely } from 'kysely';
import type { DB } from '../../../db/schema.ts';
import type { Actor } from '../../../platform/actor.ts';
import type { Deps } from '../../../platform/deps.ts';
import { appendEvents } from '../../events/events.repository.ts';
import { checkMembers } from '../check-members.ts';
import { insertTeam, replaceTeamMembers, toTeamDto } from '../teams.repository.ts';

export async function createTeam(
  deps: Pick<Deps, 'clock' | 'ids'>,
  trx: Kysely<DB>,
  actor: Actor,
  input: CreateTeamInput,
): Promise<TeamDto> {
  const ws = actor.workspaceId;
  const errors = await checkMembers(trx, ws, {
    userIds: input.memberIds,
    currentMemberIds: [],
    pointer: '/memberIds',
  });
  if (errors.length > 0) throw validationError(errors);
  const now = deps.clock.now();
  const team = await insertTeam(trx, {
    id: deps.ids.next(),
    workspaceId: ws,
    name: input.name,
    description: input.description,
    at: now,
  });
  const { added } = await replaceTeamMembers(trx, ws, team.id, input.memberIds);
  await appendEvents(trx, actor, now, [
    {
      subjectType: 'team',
      subjectId: team.id,
      type: 'team.created',
      data: { name: team.name, description: team.description, memberIds: added },
    },
  ]);
  return toTeamDto(team, added);
}
