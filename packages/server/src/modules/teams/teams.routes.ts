/** HTTP routes of teams: everyone reads them, admins shape them. */
import {
  createTeamSchema,
  DomainError,
  idSchema,
  replaceTeamMembersSchema,
  teamSchema,
  updateTeamSchema,
} from '@switchboard/core';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../http/auth.ts';
import type { Deps } from '../../platform/deps.ts';
import { createTeam } from './commands/create-team.ts';
import { deleteTeam } from './commands/delete-team.ts';
import { replaceMembersOfTeam } from './commands/replace-team-members.ts';
import { updateTeam } from './commands/update-team.ts';
import { findTeam, listMemberIdsOfTeams, listTeams, toTeamDto } from './teams.repository.ts';

const tags = ['Teams'];
const idParams = z.object({ id: idSchema });

export function registerTeamRoutes(app: FastifyInstance, deps: Deps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/teams',
    {
      config: { auth: 'light_agent' },
      schema: {
        tags,
        summary: 'List teams',
        description: 'Sorted by name.',
        response: { 200: z.object({ data: z.array(teamSchema) }) },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const teams = await listTeams(deps.db, actor.workspaceId);
      const members = await listMemberIdsOfTeams(
        deps.db,
        actor.workspaceId,
        teams.map((t) => t.id),
      );
      return { data: teams.map((t) => toTeamDto(t, members.get(t.id) ?? [])) };
    },
  );

  r.get(
    '/teams/:id',
    {
      config: { auth: 'light_agent' },
      schema: { tags, summary: 'Get a team', params: idParams, response: { 200: teamSchema } },
    },
    async (request) => {
      const actor = actorOf(request);
      const team = await findTeam(deps.db, actor.workspaceId, request.params.id);
      if (!team) throw new DomainError('TEAM_NOT_FOUND', `Team ${request.params.id} does not exist.`);
      const members = await listMemberIdsOfTeams(deps.db, actor.workspaceId, [team.id]);
      return toTeamDto(team, members.get(team.id) ?? []);
    },
  );

  r.post(
    '/teams',
    {
      config: { auth: 'admin' },
      schema: {
        tags,
        summary: 'Create a team',
        description: 'Names are unique ignoring case (TEAM_NAME_TAKEN).',
        body: createTeamSchema,
        response: { 201: teamSchema },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const team = await deps.db.transaction().execute((trx) => createTeam(deps, trx, actor, request.body));
      return reply.code(201).header('location', `/api/v1/teams/${team.id}`).send(team);
    },
  );

  r.patch(
    '/teams/:id',
    {
      config: { auth: 'admin' },
      schema: {
        tags,
        summary: 'Rename or describe a team',
        params: idParams,
        body: updateTeamSchema,
        response: { 200: teamSchema },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      return deps.db
        .transaction()
        .execute((trx) => updateTeam(deps, trx, actor, { teamId: request.params.id, changes: request.body }));
    },
  );

  r.put(
    '/teams/:id/members',
    {
      config: { auth: 'admin' },
      schema: {
        tags,
        summary: 'Replace the members of a team',
        params: idParams,
        body: replaceTeamMembersSchema,
        response: { 200: teamSchema },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      return deps.db.transaction().execute((trx) =>
        replaceMembersOfTeam(deps, trx, actor, {
          teamId: request.params.id,
          userIds: request.body.userIds,
        }),
      );
    },
  );

  r.delete(
    '/teams/:id',
    {
      config: { auth: 'admin' },
      schema: {
        tags,
        summary: 'Delete a team',
        description: 'Tickets of the team keep everything else and have no team afterwards.',
        params: idParams,
        response: { 204: z.null().describe('Deleted.') },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      await deps.db
        .transaction()
        .execute((trx) => deleteTeam(deps, trx, actor, { teamId: request.params.id }));
      return reply.code(204).send(null);
    },
  );
}
