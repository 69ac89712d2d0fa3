/** Renames a team or changes its description. */
import { DomainError, type TeamDto, type UpdateTeamInput } from '@switchboard/core';
import type { Kysely } from 'kysely';
import type { DB } from '../../../db/schema.ts';
import type { Actor } from '../../../platform/actor.ts';
import type { Deps } from '../../../platform/deps.ts';
import { appendEvents } from '../../events/events.repository.ts';
import {
  findTeam,
  listMemberIdsOfTeams,
  type TeamRow,
  toTeamDto,
  updateTeamRow,
} from '../teams.repository.ts';

export async function lockTeam(trx: Kysely<DB>, workspaceId: string, teamId: string): Promise<TeamRow> {
  const team = await findTeam(trx, workspaceId, teamId, { forUpdate: true });
  if (!team) throw new DomainError('TEAM_NOT_FOUND', `Team ${teamId} does not exist.`);
  return team;
}

export async function updateTeam(
  deps: Pick<Deps, 'clock'>,
  trx: Kysely<DB>,
  actor: Actor,
  input: { teamId: string; changes: UpdateTeamInput },
): Promise<TeamDto> {
  const ws = actor.workspaceId;
  const team = await lockTeam(trx, ws, input.teamId);
  const memberIds = (await listMemberIdsOfTeams(trx, ws, [team.id])).get(team.id) ?? [];
  const changes: Record<string, { from: string; to: string }> = {};
  for (const field of ['name', 'description'] as const) {
    const to = input.changes[field];
    if (to !== undefined && to !== team[field]) changes[field] = { from: team[field], to };
  }
  if (Object.keys(changes).length === 0) return toTeamDto(team, memberIds);
  const now = deps.clock.now();
  const updated = await updateTeamRow(trx, ws, team.id, {
    ...(changes.name ? { name: changes.name.to } : {}),
    ...(changes.description ? { description: changes.description.to } : {}),
    updated_at: now,
  });
  await appendEvents(trx, actor, now, [
    { subjectType: 'team', subjectId: team.id, type: 'team.updated', data: { changes } },
  ]);
  return toTeamDto(updated, memberIds);
}
