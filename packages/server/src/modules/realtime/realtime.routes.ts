/**
 * GET /api/v1/realtime: the agent WebSocket (protocol in docs/REALTIME.md). Authenticated
 * like any API route (session cookie or Bearer API token, by the onRequest auth hook). A
 * cookie rides along on cross-site WebSocket handshakes (no CORS, no CSRF header), so a
 * cookie-authenticated handshake must come from our own origin.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { actorOf } from '../../http/auth.ts';
import { sendProblem } from '../../http/problem.ts';
import type { Deps } from '../../platform/deps.ts';
import { createHub, type Hub, type HubLimits } from './hub.ts';

export type RealtimeRouteOptions = { limits?: Partial<HubLimits> };

export function registerRealtimeRoutes(
  app: FastifyInstance,
  deps: Deps,
  options: RealtimeRouteOptions = {},
): Hub | null {
  const bus = deps.realtime;
  const hub =
    bus &&
    createHub({
      db: deps.db,
      bus,
      clock: deps.clock,
      ids: deps.ids,
      log: app.log as never,
      limits: {
        presenceTtlMs: deps.config.SWITCHBOARD_REALTIME_PRESENCE_TTL_SECONDS * 1000,
        ...options.limits,
      },
    });
  app.addHook('onClose', async () => hub?.close());
  const userNames = new WeakMap<FastifyRequest, string>();
  const allowedOrigins = (request: FastifyRequest) => {
    const origins = new Set([new URL(deps.config.publicUrl).origin]);
    if (request.headers.host) origins.add(`${request.protocol}://${request.headers.host}`);
    return origins;
  };

  app.get(
    '/realtime',
    {
      websocket: true,
      config: { auth: 'light_agent' },
      schema: { hide: true },
      preHandler: async (request, reply) => {
        const actor = actorOf(request);
        if (!hub) {
          return sendProblem(reply, request, {
            code: 'SERVICE_UNAVAILABLE',
            detail: 'Realtime is not running in this process.',
          });
        }
        if (actor.type === 'agent') {
          const origin = request.headers.origin;
          if (!origin || !allowedOrigins(request).has(origin)) {
            return sendProblem(reply, request, {
              code: 'AUTH_FORBIDDEN',
              detail: 'A session-authenticated WebSocket must come from the Switchboard origin.',
            });
          }
        }
        const user = await deps.db
          .selectFrom('users')
          .select('name')
          .where('workspace_id', '=', actor.workspaceId)
          .where('id', '=', actor.userId ?? '00000000-0000-0000-0000-000000000000')
          .executeTakeFirst();
        userNames.set(request, user?.name ?? 'API');
      },
    },
    (socket, request) => {
      hub?.accept(socket, actorOf(request), userNames.get(request) ?? 'API');
    },
  );
  return hub;
}
