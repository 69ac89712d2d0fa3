/** HTTP routes of phone call logs (docs/CHANNELS.md). */
import { callDtoSchema, DomainError, idSchema, logCallSchema } from '@switchboard/core';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../http/auth.ts';
import type { Deps } from '../../platform/deps.ts';
import type { Metrics } from '../../platform/metrics.ts';
import { findTicket } from '../tickets/tickets.repository.ts';
import { listCallsOfTicket, toCallDto } from './calls.repository.ts';
import { logCall } from './commands/log-call.ts';

const tags = ['Calls'];

export function registerCallRoutes(app: FastifyInstance, deps: Deps, metrics: Metrics): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post(
    '/calls',
    {
      config: { auth: 'agent' },
      schema: {
        tags,
        summary: 'Log a phone call',
        description:
          'The customer is matched by phone number (any common format; stored as E.164) and created if unknown. ' +
          'The call is added to `ticketId`, or with `attachToOpenTicket` to the customer’s latest open ticket, ' +
          'or opens a new phone ticket; it shows in the timeline as a message on channel `phone`. ' +
          'With `externalId`, logging the same call again answers 200 with the first log.',
        body: logCallSchema,
        response: { 200: callDtoSchema, 201: callDtoSchema },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const logged = await deps.db.transaction().execute((trx) => logCall(deps, trx, actor, request.body));
      if (logged.createdTicket) metrics.ticketsCreated.labels('phone').inc();
      return reply
        .code(logged.replayed ? 200 : 201)
        .header('location', `/api/v1/tickets/${logged.call.ticket_id}`)
        .send(toCallDto(logged.call));
    },
  );

  r.get(
    '/calls',
    {
      config: { auth: 'light_agent' },
      schema: {
        tags,
        summary: 'Calls of a ticket',
        querystring: z.object({ ticketId: idSchema }),
        response: { 200: z.object({ data: z.array(callDtoSchema) }) },
      },
    },
    async (request) => {
      const ws = actorOf(request).workspaceId;
      const ticket = await findTicket(deps.db, ws, request.query.ticketId);
      if (!ticket)
        throw new DomainError('TICKET_NOT_FOUND', `Ticket ${request.query.ticketId} does not exist.`);
      const rows = await listCallsOfTicket(deps.db, ws, ticket.id);
      return { data: rows.map(toCallDto) };
    },
  );
}
