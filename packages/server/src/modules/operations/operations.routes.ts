/** Liveness, readiness and Prometheus metrics, outside /api and without auth. */
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import type { Deps } from '../../platform/deps.ts';
import type { Metrics } from '../../platform/metrics.ts';

export function registerOperationsRoutes(
  app: FastifyInstance,
  deps: Deps,
  options: { metrics: Metrics; isReady: () => boolean },
): void {
  const hidden = { hide: true };
  app.get('/healthz', { config: { auth: 'public' }, schema: hidden }, async () => ({ status: 'ok' }));

  app.get('/readyz', { config: { auth: 'public' }, schema: hidden }, async (_request, reply) => {
    if (!options.isReady()) return reply.code(503).send({ status: 'not ready', database: 'unknown' });
    try {
      await sql`select 1`.execute(deps.db);
      return { status: 'ready', database: 'ok' };
    } catch {
      return reply.code(503).send({ status: 'not ready', database: 'unreachable' });
    }
  });

  app.get('/metrics', { config: { auth: 'public' }, schema: hidden }, async (_request, reply) => {
    return reply.type(options.metrics.registry.contentType).send(await options.metrics.registry.metrics());
  });
}
