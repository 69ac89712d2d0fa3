/** The workspace's audit log: every recorded change, oldest first, for admins. */
import { eventSchema, idSchema } from '@switchboard/core';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../http/auth.ts';
import type { Deps } from '../../platform/deps.ts';
import { listEvents, toEventDto } from './events.repository.ts';

const listQuery = z.object({
  after: z.coerce
    .number()
    .int()
    .nonnegative()
    .optional()
    .describe('The last event id you have seen: returns events with a larger id.'),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  ticketId: idSchema.optional(),
  subjectType: z.string().min(1).max(50).optional().describe('ticket, contact, user, attachment…'),
  subjectId: idSchema.optional(),
  type: z.string().min(1).max(100).optional().describe('An event type such as ticket.updated.'),
  actorType: z.enum(['agent', 'contact', 'api_token', 'system', 'rule', 'bot']).optional(),
  userId: idSchema.optional().describe('The agent behind the change, by session or API token.'),
});

export function registerEventRoutes(app: FastifyInstance, deps: Deps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/events',
    {
      config: { auth: 'admin' },
      schema: {
        tags: ['Audit'],
        summary: 'The audit log',
        description:
          'Every change in the workspace, oldest first. Filters combine with AND. Page by passing ' +
          '`nextAfter` as `after` until it is null; ids only grow, so no event is skipped or repeated.',
        querystring: listQuery,
        response: {
          200: z.object({
            data: z.array(eventSchema),
            nextAfter: z.string().nullable().describe('Pass as `after` for the next page; null on the last.'),
          }),
        },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const { after, limit, ...filters } = request.query;
      // One row more than asked tells whether another page exists without a second query.
      const rows = await listEvents(deps.db, actor.workspaceId, {
        ...filters,
        limit: limit + 1,
        ...(after !== undefined ? { afterId: after } : {}),
      });
      const page = rows.slice(0, limit);
      const last = page.at(-1);
      return {
        data: page.map(toEventDto),
        nextAfter: rows.length > limit && last ? String(last.id) : null,
      };
    },
  );
}
