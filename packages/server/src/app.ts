/**
 * buildApp(deps): registers plugins and modules and returns the Fastify instance. It never
 * listens; main.ts does, and tests call `inject()`.
 */
import fastifyCookie from '@fastify/cookie';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import fastifyWebsocket from '@fastify/websocket';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { jsonSchemaTransform } from 'fastify-type-provider-zod';
import type { Logger } from 'pino';
import { installAuth } from './http/auth.ts';
import { installErrorHandling } from './http/problem.ts';
import { zodValidatorCompiler } from './http/validation.ts';
import { registerAttachmentRoutes } from './modules/attachments/attachments.routes.ts';
import { registerAuthRoutes } from './modules/auth/auth.routes.ts';
import { registerCallRoutes } from './modules/calls/calls.routes.ts';
import { registerChannelRoutes } from './modules/channels/channels.routes.ts';
import { registerContactRoutes } from './modules/contacts/contacts.routes.ts';
import { registerCustomFieldRoutes } from './modules/custom-fields/custom-fields.routes.ts';
import { registerEmailRoutes } from './modules/email/email.routes.ts';
import { registerEventRoutes } from './modules/events/events.routes.ts';
import { registerMacroRoutes } from './modules/macros/macros.routes.ts';
import { registerMessengerRoutes } from './modules/messenger/messenger.routes.ts';
import { registerVisitorRoutes } from './modules/messenger/visitor.routes.ts';
import { registerWidgetRoute } from './modules/messenger/widget-bundle.ts';
import { registerOperationsRoutes } from './modules/operations/operations.routes.ts';
import { registerOrganizationRoutes } from './modules/organizations/organizations.routes.ts';
import { registerRealtimeRoutes } from './modules/realtime/realtime.routes.ts';
import { registerRuleRoutes } from './modules/rules/rules.routes.ts';
import { registerSettingsRoutes } from './modules/settings/settings.routes.ts';
import { registerSlaRoutes } from './modules/sla/sla.routes.ts';
import { registerTeamRoutes } from './modules/teams/teams.routes.ts';
import { registerTicketRoutes } from './modules/tickets/tickets.routes.ts';
import { registerUserRoutes } from './modules/users/users.routes.ts';
import { registerWebApp } from './modules/web-app/web-app.routes.ts';
import { registerWebFormRoutes } from './modules/web-form/web-form.routes.ts';
import { registerWebhookRoutes } from './modules/webhooks/webhooks.routes.ts';
import type { Deps } from './platform/deps.ts';
import { createMetrics, type Metrics } from './platform/metrics.ts';
import { postgresRateLimitStore } from './platform/rate-limit-store.ts';

export type AppOptions = {
  logger?: Logger | false;
  metrics?: Metrics;
  /** Readiness: false while starting or shutting down. */
  isReady?: () => boolean;
  /** The built agent app (default packages/web/dist). */
  webDistDir?: string;
};

export type App = FastifyInstance;

export async function buildApp(deps: Deps, options: AppOptions = {}): Promise<App> {
  const { config } = deps;
  const app: FastifyInstance = Fastify({
    ...(options.logger ? { loggerInstance: options.logger as FastifyBaseLogger } : { logger: false }),
    bodyLimit: config.SWITCHBOARD_BODY_LIMIT_BYTES,
    // Believing X-Forwarded-For from anyone would let any client pick its own address and
    // walk around every per-address limit: only the configured proxies are trusted.
    trustProxy:
      typeof config.trustProxy === 'number'
        ? (_address: string, hop: number) => hop < (config.trustProxy as number)
        : config.trustProxy,
    genReqId: () => deps.ids.next(),
    requestIdHeader: 'x-request-id',
  });
  const metrics = options.metrics ?? createMetrics({ collectProcessMetrics: false });
  app.setValidatorCompiler(zodValidatorCompiler);
  // Responses are built by our own mappers into plain JSON shapes; the zod response schemas
  // document them in OpenAPI without costing a second validation on every reply.
  app.setSerializerCompiler(() => (data) => JSON.stringify(data));
  installErrorHandling(app);
  await app.register(fastifyCookie);
  // Once, at the root: the agent socket (/api/v1/realtime) and the messenger's visitor socket
  // share one ws server. A larger frame closes the socket with 1009.
  await app.register(fastifyWebsocket, { options: { maxPayload: 16 * 1024 } });
  // Before the other plugins, so that their routes (the API reference pages) are in the route table.
  installAuth(app, deps);
  const rateLimitStore = config.rateLimitStore === 'database' ? postgresRateLimitStore(deps.db) : null;
  app.decorate('flushRateLimits', async () => {
    await rateLimitStore?.flush();
  });
  await app.register(fastifyRateLimit, {
    // Counted in PostgreSQL when several instances share the database, so a caller's budget
    // is one budget whichever instance answers.
    ...(rateLimitStore ? { store: rateLimitStore } : {}),
    max: config.SWITCHBOARD_RATE_LIMIT_PER_MINUTE,
    timeWindow: 60_000,
    // Keyed by credential where there is one, so agents behind one office NAT do not share a budget.
    keyGenerator: (request) => {
      const auth = request.headers.authorization;
      if (auth) return `t:${auth.slice(-16)}`;
      const cookie = request.cookies?.sb_session;
      return cookie ? `s:${cookie.slice(-16)}` : `ip:${request.ip}`;
    },
    allowList: (request) => !request.url.startsWith('/api/'),
    errorResponseBuilder: (_request, context) => ({
      statusCode: 429,
      code: 'RATE_LIMITED',
      message: `Rate limit exceeded: retry in ${Math.ceil(context.ttl / 1000)} s.`,
    }),
  });
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Switchboard API',
        version: '1.0.0',
        description:
          'REST API of Switchboard, the self-hosted helpdesk. Authenticate with `Authorization: Bearer <API token>` ' +
          '(create one with `switchboard token create`) or with the session cookie plus the `X-CSRF-Token` header. ' +
          'Errors are `application/problem+json` (RFC 9457) with a stable `code`.',
      },
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer' },
          session: { type: 'apiKey', in: 'cookie', name: 'sb_session' },
        },
      },
      security: [{ bearer: [] }, { session: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs', uiConfig: { deepLinking: true } });

  app.addHook('onResponse', async (request, reply) => {
    metrics.httpRequestDuration
      .labels(request.method, request.routeOptions.url ?? 'unmatched', String(reply.statusCode))
      .observe(reply.elapsedTime / 1000);
  });

  await app.register(
    async (api) => {
      registerAuthRoutes(api, deps);
      registerTicketRoutes(api, deps, metrics);
      registerContactRoutes(api, deps);
      registerOrganizationRoutes(api, deps);
      registerUserRoutes(api, deps);
      registerTeamRoutes(api, deps);
      registerCustomFieldRoutes(api, deps);
      registerAttachmentRoutes(api, deps);
      registerEventRoutes(api, deps);
      registerRuleRoutes(api, deps);
      registerSlaRoutes(api, deps);
      registerWebhookRoutes(api, deps);
      registerEmailRoutes(api, deps);
      registerMacroRoutes(api, deps);
      registerSettingsRoutes(api, deps);
      registerChannelRoutes(api, deps, metrics);
      registerCallRoutes(api, deps, metrics);
      registerRealtimeRoutes(api, deps);
      registerMessengerRoutes(api, deps);
    },
    { prefix: '/api/v1' },
  );
  registerVisitorRoutes(app, deps);
  registerWidgetRoute(app);
  registerOperationsRoutes(app, deps, { metrics, isReady: options.isReady ?? (() => true) });
  registerWebFormRoutes(app, deps, metrics);
  // Last: its fallback route answers only browser navigations that no route above claims.
  await registerWebApp(app, options.webDistDir);
  app.get('/api/openapi.json', { config: { auth: 'public' }, schema: { hide: true } }, async () =>
    app.swagger(),
  );
  return app;
}
