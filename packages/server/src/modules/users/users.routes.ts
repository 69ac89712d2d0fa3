/** HTTP routes of users: the directory, admin management and each user's own profile. */
import {
  changePasswordSchema,
  createUserSchema,
  DomainError,
  idSchema,
  listUsersQuerySchema,
  updateMeSchema,
  updateUserSchema,
  userSchema,
} from '@switchboard/core';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../http/auth.ts';
import type { Actor } from '../../platform/actor.ts';
import type { Deps } from '../../platform/deps.ts';
import { changeOwnPassword } from './commands/change-own-password.ts';
import { createUser } from './commands/create-user.ts';
import { deactivateUser } from './commands/deactivate-user.ts';
import { reactivateUser } from './commands/reactivate-user.ts';
import { updateOwnProfile } from './commands/update-own-profile.ts';
import { updateUser } from './commands/update-user.ts';
import { findUser, listTeamIdsOfUsers, listUsers, loadUserDto, toUserDto } from './users.repository.ts';

const tags = ['Users'];
const idParams = z.object({ id: idSchema });

/** The caller as a person: /users/me needs the user behind the session or token. */
function personOf(request: FastifyRequest): Actor & { userId: string } {
  const actor = actorOf(request);
  const { userId } = actor;
  if (!userId) throw new DomainError('AUTH_FORBIDDEN', 'Only a signed-in user has a profile.');
  return { ...actor, userId };
}

export function registerUserRoutes(app: FastifyInstance, deps: Deps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/users',
    {
      config: { auth: 'light_agent' },
      schema: {
        tags,
        summary: 'List users',
        description: 'Sorted by name. Deactivated users are left out unless `includeDeactivated=true`.',
        querystring: listUsersQuerySchema,
        response: { 200: z.object({ data: z.array(userSchema) }) },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const rows = await listUsers(deps.db, actor.workspaceId, request.query);
      const teams = await listTeamIdsOfUsers(
        deps.db,
        actor.workspaceId,
        rows.map((u) => u.id),
      );
      return { data: rows.map((u) => toUserDto(u, teams.get(u.id) ?? [])) };
    },
  );

  r.get(
    '/users/me',
    {
      config: { auth: 'light_agent' },
      schema: { tags, summary: 'Your own user', response: { 200: userSchema } },
    },
    async (request) => {
      const me = personOf(request);
      const user = await findUser(deps.db, me.workspaceId, me.userId);
      if (!user) throw new DomainError('USER_NOT_FOUND', `User ${me.userId} does not exist.`);
      return loadUserDto(deps.db, user);
    },
  );

  r.patch(
    '/users/me',
    {
      config: { auth: 'light_agent' },
      schema: {
        tags,
        summary: 'Update your own profile',
        description: 'Name, presence status (online/away/offline), interface locale and time zone.',
        body: updateMeSchema,
        response: { 200: userSchema },
      },
    },
    async (request) => {
      const me = personOf(request);
      return deps.db.transaction().execute((trx) => updateOwnProfile(deps, trx, me, request.body));
    },
  );

  r.post(
    '/users/me/password',
    {
      config: { auth: 'light_agent' },
      schema: {
        tags,
        summary: 'Change your password',
        description: 'Signs out your other sessions; this session and your API tokens keep working.',
        body: changePasswordSchema,
        response: { 204: z.null().describe('Changed.') },
      },
    },
    async (request, reply) => {
      const me = personOf(request);
      await deps.db
        .transaction()
        .execute((trx) =>
          changeOwnPassword(deps, trx, me, { ...request.body, currentSessionId: request.sessionId }),
        );
      return reply.code(204).send(null);
    },
  );

  r.get(
    '/users/:id',
    {
      config: { auth: 'light_agent' },
      schema: { tags, summary: 'Get a user', params: idParams, response: { 200: userSchema } },
    },
    async (request) => {
      const actor = actorOf(request);
      const user = await findUser(deps.db, actor.workspaceId, request.params.id);
      if (!user) throw new DomainError('USER_NOT_FOUND', `User ${request.params.id} does not exist.`);
      return loadUserDto(deps.db, user);
    },
  );

  r.post(
    '/users',
    {
      config: { auth: 'admin' },
      schema: {
        tags,
        summary: 'Add a user',
        description: 'Only owners may add owners and admins.',
        body: createUserSchema,
        response: { 201: userSchema },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const user = await deps.db.transaction().execute(async (trx) => {
        const row = await createUser(deps, trx, actor, request.body);
        return loadUserDto(trx, row);
      });
      return reply.code(201).header('location', `/api/v1/users/${user.id}`).send(user);
    },
  );

  r.patch(
    '/users/:id',
    {
      config: { auth: 'admin' },
      schema: {
        tags,
        summary: 'Update a user',
        description:
          'Only owners grant or revoke owner and admin, or change an owner’s or admin’s email. ' +
          'The last active owner cannot be demoted (USER_LAST_OWNER).',
        params: idParams,
        body: updateUserSchema,
        response: { 200: userSchema },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      return deps.db
        .transaction()
        .execute((trx) => updateUser(deps, trx, actor, { userId: request.params.id, changes: request.body }));
    },
  );

  r.post(
    '/users/:id/deactivate',
    {
      config: { auth: 'admin' },
      schema: {
        tags,
        summary: 'Deactivate a user',
        description:
          'Ends their sessions and stops their API tokens. Tickets and teams are kept. ' +
          'Owners and admins are deactivated by owners only; the last active owner never.',
        params: idParams,
        response: { 200: userSchema },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      return deps.db
        .transaction()
        .execute((trx) => deactivateUser(deps, trx, actor, { userId: request.params.id }));
    },
  );

  r.post(
    '/users/:id/reactivate',
    {
      config: { auth: 'admin' },
      schema: { tags, summary: 'Reactivate a user', params: idParams, response: { 200: userSchema } },
    },
    async (request) => {
      const actor = actorOf(request);
      return deps.db
        .transaction()
        .execute((trx) => reactivateUser(deps, trx, actor, { userId: request.params.id }));
    },
  );
}
