/** Sign-in, sign-out, the current session, and API tokens. */
import { DomainError, idSchema, timestampSchema } from '@switchboard/core';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf, clearSessionCookies, setSessionCookies } from '../../http/auth.ts';
import { hasRole } from '../../platform/actor.ts';
import type { Deps } from '../../platform/deps.ts';
import { appendEvents } from '../events/events.repository.ts';
import { deleteSession, findApiToken, listApiTokens, revokeApiToken } from './auth.repository.ts';
import { createApiToken } from './commands/create-api-token.ts';
import { login } from './commands/login.ts';

const loginBody = z
  .object({
    email: z.email().max(320),
    password: z.string().min(1).max(1000),
    workspace: z
      .string()
      .max(63)
      .optional()
      .describe('Workspace slug; needed only if the email is in several.'),
  })
  .strict();

const sessionSchema = z.object({
  userId: idSchema,
  workspaceId: idSchema,
  role: z.enum(['owner', 'admin', 'agent', 'light_agent']),
  csrfToken: z.string().optional(),
  expiresAt: timestampSchema.optional(),
});

const apiTokenSchema = z.object({
  id: idSchema,
  userId: idSchema,
  name: z.string(),
  prefix: z.string().describe('The first characters of the token, to recognise it.'),
  createdAt: timestampSchema,
  lastUsedAt: timestampSchema.nullable(),
  revokedAt: timestampSchema.nullable(),
});

type TokenRow = Awaited<ReturnType<typeof listApiTokens>>[number];
const toTokenDto = (t: TokenRow) => ({
  id: t.id,
  userId: t.user_id,
  name: t.name,
  prefix: t.prefix,
  createdAt: t.created_at.toISOString(),
  lastUsedAt: t.last_used_at?.toISOString() ?? null,
  revokedAt: t.revoked_at?.toISOString() ?? null,
});

export function registerAuthRoutes(app: FastifyInstance, deps: Deps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['Auth'];

  r.post(
    '/auth/login',
    {
      config: {
        auth: 'public',
        rateLimit: {
          max: deps.config.SWITCHBOARD_LOGIN_RATE_LIMIT_PER_MINUTE,
          timeWindow: 60_000,
          // After body parsing: on the default onRequest hook the body is not read yet, so
          // every email shared one key per address and one account's attacker locked out all.
          hook: 'preHandler',
          keyGenerator: (request) => {
            const email = (request.body as { email?: unknown } | undefined)?.email;
            return `login:${request.ip}:${typeof email === 'string' ? email.toLowerCase() : ''}`;
          },
        },
      },
      schema: {
        tags,
        summary: 'Sign in with email and password',
        description: 'Sets the HttpOnly session cookie and returns the CSRF token to send as `X-CSRF-Token`.',
        body: loginBody,
        response: { 200: sessionSchema },
      },
    },
    async (request, reply) => {
      const result = await login(deps, request.body);
      setSessionCookies(reply, { ...result, secure: deps.config.cookieSecure });
      const user = await deps.db
        .selectFrom('users')
        .select('role')
        .where('id', '=', result.userId)
        .executeTakeFirstOrThrow();
      return {
        userId: result.userId,
        workspaceId: result.workspaceId,
        role: user.role,
        csrfToken: result.csrfToken,
        expiresAt: result.expiresAt.toISOString(),
      };
    },
  );

  r.post(
    '/auth/logout',
    { config: { auth: 'light_agent' }, schema: { tags, summary: 'Sign out this session' } },
    async (request, reply) => {
      if (request.sessionId) await deleteSession(deps.db, request.sessionId);
      clearSessionCookies(reply);
      return reply.code(204).send();
    },
  );

  r.get(
    '/auth/session',
    {
      config: { auth: 'light_agent' },
      schema: { tags, summary: 'Who am I', response: { 200: sessionSchema } },
    },
    async (request) => {
      const actor = actorOf(request);
      return {
        userId: actor.userId ?? '',
        workspaceId: actor.workspaceId,
        role: actor.role ?? 'light_agent',
      };
    },
  );

  r.get(
    '/api-tokens',
    {
      config: { auth: 'light_agent' },
      schema: {
        tags,
        summary: 'API tokens',
        description: 'Your own tokens; admins may pass `all=true` to see every token of the workspace.',
        querystring: z.object({ all: z.enum(['true', 'false']).optional() }),
        response: { 200: z.object({ data: z.array(apiTokenSchema) }) },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const all = request.query.all === 'true';
      if (all && !hasRole(actor.role, 'admin'))
        throw new DomainError('AUTH_FORBIDDEN', 'Only admins see every token.');
      const rows = await listApiTokens(deps.db, actor.workspaceId, all ? undefined : (actor.userId ?? ''));
      return { data: rows.map(toTokenDto) };
    },
  );

  r.post(
    '/api-tokens',
    {
      config: { auth: 'agent' },
      schema: {
        tags,
        summary: 'Create an API token',
        description: 'The token is shown once, in this response. Admins may create tokens for other agents.',
        body: z.object({ name: z.string().trim().min(1).max(100), userId: idSchema.optional() }).strict(),
        response: { 201: apiTokenSchema.extend({ token: z.string() }) },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const userId = request.body.userId ?? actor.userId;
      if (!userId) throw new DomainError('AUTH_FORBIDDEN', 'Only a person can own a token.');
      if (userId !== actor.userId && !hasRole(actor.role, 'admin')) {
        throw new DomainError('AUTH_FORBIDDEN', 'Only admins create tokens for other agents.');
      }
      const result = await deps.db.transaction().execute(async (trx) => {
        const owner = await trx
          .selectFrom('users')
          .select('id')
          .where('workspace_id', '=', actor.workspaceId)
          .where('id', '=', userId)
          .executeTakeFirst();
        if (!owner) throw new DomainError('USER_NOT_FOUND', `User ${userId} does not exist.`);
        return createApiToken(deps, trx, actor, { userId, name: request.body.name });
      });
      return reply.code(201).send({ ...toTokenDto(result.row), token: result.token });
    },
  );

  r.delete(
    '/api-tokens/:id',
    {
      config: { auth: 'light_agent' },
      schema: { tags, summary: 'Revoke an API token', params: z.object({ id: idSchema }) },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      await deps.db.transaction().execute(async (trx) => {
        const token = await findApiToken(trx, actor.workspaceId, request.params.id);
        if (!token || (token.user_id !== actor.userId && !hasRole(actor.role, 'admin'))) {
          throw new DomainError('API_TOKEN_NOT_FOUND', `API token ${request.params.id} does not exist.`);
        }
        const now = deps.clock.now();
        await revokeApiToken(trx, actor.workspaceId, token.id, now);
        await appendEvents(trx, actor, now, [
          {
            subjectType: 'api_token',
            subjectId: token.id,
            type: 'api_token.revoked',
            data: { name: token.name },
          },
        ]);
      });
      return reply.code(204).send();
    },
  );
}
