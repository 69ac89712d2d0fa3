/** Applying a macro to a ticket, and its dry run for the confirmation dialog. */
import { idSchema, macroPreviewSchema, ticketSchema } from '@switchboard/core';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../http/auth.ts';
import type { Deps } from '../../platform/deps.ts';
import { parseIfMatch } from '../tickets/tickets.routes.ts';
import { applyMacro } from './commands/apply-macro.ts';
import { previewMacro } from './commands/preview-macro.ts';

const tags = ['Macros'];
const params = z.object({ id: idSchema, macroId: idSchema });
const ifMatchHeaders = z.object({
  'if-match': z.string().optional().describe('The ETag you read; a stale one answers 412.'),
});

export function registerMacroApplyRoutes(app: FastifyInstance, deps: Deps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post(
    '/tickets/:id/macros/:macroId/apply',
    {
      config: { auth: 'agent' },
      schema: {
        tags,
        summary: 'Apply a macro to a ticket',
        description:
          'Runs every action as one change by you, or none if any fails. Send the ETag you read as `If-Match`.',
        params,
        headers: ifMatchHeaders,
        response: { 200: ticketSchema },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const expectedVersion = parseIfMatch(request.headers['if-match']);
      const ticket = await deps.db.transaction().execute((trx) =>
        applyMacro(deps, trx, actor, {
          ticketId: request.params.id,
          macroId: request.params.macroId,
          ...(expectedVersion !== undefined ? { expectedVersion } : {}),
        }),
      );
      return reply.header('etag', `"${ticket.version}"`).send(ticket);
    },
  );

  r.post(
    '/tickets/:id/macros/:macroId/preview',
    {
      config: { auth: 'agent' },
      schema: {
        tags,
        summary: 'Preview a macro on a ticket',
        description: 'What applying it would change and write, changing nothing.',
        params,
        response: { 200: macroPreviewSchema },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      return previewMacro(deps, actor, { ticketId: request.params.id, macroId: request.params.macroId });
    },
  );
}
