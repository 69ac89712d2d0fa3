/**
 * Authentication and role checks for every route. A route declares `config.auth`:
 * 'public', or the least role it needs; a route that declares nothing is refused (fail
 * closed, and a test asserts that every route declares it). Browsers authenticate with the
 * HttpOnly session cookie and must echo the CSRF token on unsafe methods; integrations send
 * `Authorization: Bearer <API token>` and need no CSRF token (no ambient credential).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import {
  findSession,
  findTokenByHash,
  markTokenUsed,
  sha256Hex,
  touchSession,
} from '../modules/auth/auth.repository.ts';
import { type Actor, hasRole, type Role } from '../platform/actor.ts';
import type { Deps } from '../platform/deps.ts';
import { sendProblem } from './problem.ts';

export type AuthRequirement = 'public' | Role;

export const SESSION_COOKIE = 'sb_session';
export const CSRF_COOKIE = 'sb_csrf';
export const CSRF_HEADER = 'x-csrf-token';

declare module 'fastify' {
  interface FastifyContextConfig {
    auth?: AuthRequirement;
  }
  interface FastifyRequest {
    actor: Actor | null;
    sessionId: string | null;
  }
  interface FastifyInstance {
    /** Every route with the auth it declared, for the route-table test and docs. */
    routeTable: { method: string; url: string; auth: AuthRequirement | undefined }[];
  }
}

// Pages of the bundled API reference (Swagger UI) are public like the OpenAPI document.
const PUBLIC_PREFIXES = ['/api/docs'];

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
// Sliding expiry is written at most once a minute per session, not on every request.
const TOUCH_INTERVAL_MS = 60_000;

export function installAuth(app: FastifyInstance, deps: Pick<Deps, 'db' | 'clock' | 'config'>): void {
  app.decorateRequest('actor', null);
  app.decorateRequest('sessionId', null);
  const routeTable: FastifyInstance['routeTable'] = [];
  app.decorate('routeTable', routeTable);
  app.addHook('onRoute', (route) => {
    if (route.config?.auth === undefined && PUBLIC_PREFIXES.some((p) => route.url.startsWith(p))) {
      route.config = { ...route.config, auth: 'public' };
    }
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const method of methods) routeTable.push({ method, url: route.url, auth: route.config?.auth });
  });
  app.addHook('onRequest', async (request, reply) => {
    const requirement = request.routeOptions.config?.auth;
    if (requirement === 'public') return;
    if (requirement === undefined) {
      // Unknown routes fall through to the not-found handler, which has no config.
      if (request.routeOptions.url === undefined) return;
      request.log.error({ url: request.routeOptions.url }, 'route declares no auth requirement');
      return sendProblem(reply, request, {
        code: 'AUTH_FORBIDDEN',
        detail: 'This endpoint is not available.',
      });
    }
    const failure = await authenticate(request, deps);
    if (failure) return sendProblem(reply, request, failure);
    if (!hasRole(request.actor?.role ?? null, requirement)) {
      return sendProblem(reply, request, {
        code: 'AUTH_FORBIDDEN',
        detail: `This action needs the ${requirement} role or higher.`,
      });
    }
  });
}

type Failure = Parameters<typeof sendProblem>[2];

async function authenticate(
  request: FastifyRequest,
  deps: Pick<Deps, 'db' | 'clock' | 'config'>,
): Promise<Failure | null> {
  const header = request.headers.authorization;
  if (header) {
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match?.[1]) return { code: 'AUTH_REQUIRED', detail: 'Use "Authorization: Bearer <token>".' };
    const token = await findTokenByHash(deps.db, sha256Hex(match[1]));
    if (!token || token.revoked_at || token.deactivated_at) {
      return { code: 'AUTH_INVALID_CREDENTIALS', detail: 'The API token is unknown or revoked.' };
    }
    const now = deps.clock.now();
    if (!token.last_used_at || now.getTime() - token.last_used_at.getTime() > TOUCH_INTERVAL_MS) {
      await markTokenUsed(deps.db, token.id, now);
    }
    request.actor = {
      workspaceId: token.workspace_id,
      type: 'api_token',
      id: token.id,
      userId: token.user_id,
      role: token.role,
      via: 'api',
    };
    return null;
  }
  const cookie = request.cookies[SESSION_COOKIE];
  if (!cookie) return { code: 'AUTH_REQUIRED', detail: 'Sign in, or send an API token.' };
  const session = await findSession(deps.db, sha256Hex(cookie));
  const now = deps.clock.now();
  if (!session || session.deactivated_at) return { code: 'AUTH_REQUIRED', detail: 'Sign in again.' };
  if (session.expires_at.getTime() <= now.getTime()) {
    return { code: 'AUTH_SESSION_EXPIRED', detail: 'Your session has expired; sign in again.' };
  }
  if (!SAFE_METHODS.has(request.method) && request.headers[CSRF_HEADER] !== session.csrf_token) {
    return {
      code: 'AUTH_CSRF_INVALID',
      detail: `Send the CSRF token from sign-in in the ${CSRF_HEADER} header.`,
    };
  }
  if (now.getTime() - session.last_seen_at.getTime() > TOUCH_INTERVAL_MS) {
    const ttlMs = deps.config.SWITCHBOARD_SESSION_TTL_HOURS * 3_600_000;
    await touchSession(deps.db, session.id, now, new Date(now.getTime() + ttlMs));
  }
  request.sessionId = session.id;
  request.actor = {
    workspaceId: session.workspace_id,
    type: 'agent',
    id: session.user_id,
    userId: session.user_id,
    role: session.role,
    via: 'web',
  };
  return null;
}

/** The authenticated caller; routes that are not public always have one. */
export function actorOf(request: FastifyRequest): Actor {
  if (!request.actor) throw new Error('actorOf called on an unauthenticated request');
  return request.actor;
}

export function setSessionCookies(
  reply: FastifyReply,
  input: { sessionToken: string; csrfToken: string; expiresAt: Date; secure: boolean },
): void {
  const base = { path: '/', sameSite: 'lax' as const, secure: input.secure, expires: input.expiresAt };
  reply.setCookie(SESSION_COOKIE, input.sessionToken, { ...base, httpOnly: true });
  // Readable by the web app, which echoes it in the CSRF header.
  reply.setCookie(CSRF_COOKIE, input.csrfToken, { ...base, httpOnly: false });
}

export function clearSessionCookies(reply: FastifyReply): void {
  reply.clearCookie(SESSION_COOKIE, { path: '/' });
  reply.clearCookie(CSRF_COOKIE, { path: '/' });
}
