/** HTTP routes of tickets and their messages: validate, run one command, shape the reply. */
import {
  createMessageSchema,
  createTicketSchema,
  DomainError,
  eventSchema,
  idSchema,
  listTicketsQuerySchema,
  mergeTicketSchema,
  messageSchema,
  pageSchema,
  ticketSchema,
  toTsQuery,
  updateTicketSchema,
} from '@switchboard/core';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../http/auth.ts';
import { runIdempotent } from '../../http/idempotency.ts';
import type { Deps } from '../../platform/deps.ts';
import type { Metrics } from '../../platform/metrics.ts';
import { deliveriesOfMessages } from '../email/outbound/queue-outbound-email.ts';
import { listEvents, toEventDto } from '../events/events.repository.ts';
import { addMessage } from './commands/add-message.ts';
import { createTicket } from './commands/create-ticket.ts';
import { deleteTicket } from './commands/delete-ticket.ts';
import { mergeTickets } from './commands/merge-tickets.ts';
import { updateTicket } from './commands/update-ticket.ts';
import {
  findTicket,
  findTicketByNumber,
  listAttachmentsOfMessages,
  listChildIds,
  listFollowerIds,
  listMessages,
  listTickets,
  toMessageDto,
  toTicketDto,
} from './tickets.repository.ts';

const tags = ['Tickets'];
const idParams = z.object({ id: idSchema });
const ifMatchHeaders = z.object({
  'if-match': z.string().optional().describe('The ETag you read; a stale one answers 412.'),
});

/** Weak and strong forms and lists are accepted; `*` matches any version. */
export function parseIfMatch(header: string | undefined): number | undefined {
  if (header === undefined || header.trim() === '*') return undefined;
  const match = /^\s*(?:W\/)?"(\d+)"\s*$/.exec(header);
  if (!match) {
    throw new DomainError(
      'TICKET_VERSION_MISMATCH',
      'If-Match must be an ETag returned by this API, such as "3".',
      {
        currentVersion: null,
      },
    );
  }
  return Number(match[1]);
}

const etag = (version: number) => `"${version}"`;

function withTicketHeaders(reply: FastifyReply, ticket: { id: string; version: number }) {
  return reply.header('etag', etag(ticket.version));
}

export function registerTicketRoutes(app: FastifyInstance, deps: Deps, metrics: Metrics): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post(
    '/tickets',
    {
      config: { auth: 'agent' },
      schema: {
        tags,
        summary: 'Create a ticket',
        description: 'Send `Idempotency-Key` to make retries safe.',
        body: createTicketSchema,
        response: { 201: ticketSchema },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const result = await runIdempotent(deps, request, async (trx) => ({
        status: 201,
        body: await createTicket(deps, trx, actor, request.body),
      }));
      if (!result.replayed) metrics.ticketsCreated.labels(result.body.channel).inc();
      if (result.replayed) reply.header('idempotency-replayed', 'true');
      return withTicketHeaders(reply, result.body)
        .header('location', `/api/v1/tickets/${result.body.id}`)
        .code(201)
        .send(result.body);
    },
  );

  r.get(
    '/tickets',
    {
      config: { auth: 'light_agent' },
      schema: {
        tags,
        summary: 'List and search tickets',
        description:
          'Filters combine with AND. `q` searches subjects and messages; Korean matches with or without spaces.',
        querystring: listTicketsQuerySchema,
        response: { 200: pageSchema(ticketSchema) },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const query = request.query;
      const tsQuery = query.q ? toTsQuery(query.q) : null;
      if (query.q && !tsQuery) return { data: [], nextCursor: null };
      const page = await listTickets(deps.db, actor.workspaceId, { ...query, tsQuery });
      if (!page) {
        throw new DomainError('VALIDATION_FAILED', 'The cursor does not belong to this list.', {
          errors: [{ pointer: '', message: 'invalid cursor for this sort' }],
        });
      }
      const followers = await listFollowerIds(
        deps.db,
        actor.workspaceId,
        page.rows.map((t) => t.id),
      );
      return {
        data: page.rows.map((t) => toTicketDto(t, followers.get(t.id) ?? [])),
        nextCursor: page.nextCursor,
      };
    },
  );

  r.get(
    '/tickets/:id',
    {
      config: { auth: 'light_agent' },
      schema: { tags, summary: 'Get a ticket', params: idParams, response: { 200: ticketSchema } },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const ticket = await findTicket(deps.db, actor.workspaceId, request.params.id);
      if (!ticket) throw new DomainError('TICKET_NOT_FOUND', `Ticket ${request.params.id} does not exist.`);
      const followers = await listFollowerIds(deps.db, actor.workspaceId, [ticket.id]);
      return withTicketHeaders(reply, ticket).send(toTicketDto(ticket, followers.get(ticket.id) ?? []));
    },
  );

  r.get(
    '/tickets/by-number/:number',
    {
      config: { auth: 'light_agent' },
      schema: {
        tags,
        summary: 'Get a ticket by its number',
        params: z.object({ number: z.coerce.number().int().positive() }),
        response: { 200: ticketSchema },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const ticket = await findTicketByNumber(deps.db, actor.workspaceId, request.params.number);
      if (!ticket)
        throw new DomainError('TICKET_NOT_FOUND', `Ticket #${request.params.number} does not exist.`);
      const followers = await listFollowerIds(deps.db, actor.workspaceId, [ticket.id]);
      return withTicketHeaders(reply, ticket).send(toTicketDto(ticket, followers.get(ticket.id) ?? []));
    },
  );

  r.patch(
    '/tickets/:id',
    {
      config: { auth: 'agent' },
      schema: {
        tags,
        summary: 'Update a ticket',
        description:
          'Send the ETag you read as `If-Match`: if someone changed the ticket meanwhile, the answer is 412.',
        params: idParams,
        headers: ifMatchHeaders,
        body: updateTicketSchema,
        response: { 200: ticketSchema },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const expectedVersion = parseIfMatch(request.headers['if-match']);
      const ticket = await deps.db.transaction().execute((trx) =>
        updateTicket(deps, trx, actor, {
          ticketId: request.params.id,
          ...(expectedVersion !== undefined ? { expectedVersion } : {}),
          changes: request.body,
        }),
      );
      return withTicketHeaders(reply, ticket).send(ticket);
    },
  );

  r.delete(
    '/tickets/:id',
    {
      config: { auth: 'admin' },
      schema: { tags, summary: 'Delete a ticket', params: idParams, headers: ifMatchHeaders },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const expectedVersion = parseIfMatch(request.headers['if-match']);
      await deps.db.transaction().execute((trx) =>
        deleteTicket(deps, trx, actor, {
          ticketId: request.params.id,
          ...(expectedVersion !== undefined ? { expectedVersion } : {}),
        }),
      );
      return reply.code(204).send();
    },
  );

  r.get(
    '/tickets/:id/messages',
    {
      config: { auth: 'light_agent' },
      schema: {
        tags,
        summary: 'Messages of a ticket, oldest first',
        params: idParams,
        response: { 200: z.object({ data: z.array(messageSchema) }) },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const ticket = await findTicket(deps.db, actor.workspaceId, request.params.id);
      if (!ticket) throw new DomainError('TICKET_NOT_FOUND', `Ticket ${request.params.id} does not exist.`);
      const messages = await listMessages(deps.db, actor.workspaceId, ticket.id);
      const attachments = await listAttachmentsOfMessages(
        deps.db,
        actor.workspaceId,
        messages.map((m) => m.id),
      );
      const deliveries = await deliveriesOfMessages(
        deps.db,
        actor.workspaceId,
        messages.map((m) => m.id),
      );
      return {
        data: messages.map((m) =>
          toMessageDto(
            m,
            attachments.filter((a) => a.message_id === m.id),
            deliveries.get(m.id) ?? null,
          ),
        ),
      };
    },
  );

  r.post(
    '/tickets/:id/messages',
    {
      config: { auth: 'light_agent' },
      schema: {
        tags,
        summary: 'Reply or add an internal note',
        description: 'Light agents may add internal notes only. `If-Match` is honoured as on PATCH.',
        params: idParams,
        headers: ifMatchHeaders,
        body: createMessageSchema,
        response: { 201: messageSchema },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const expectedVersion = parseIfMatch(request.headers['if-match']);
      const result = await runIdempotent(deps, request, async (trx) => ({
        status: 201,
        body: await addMessage(deps, trx, actor, {
          ticketId: request.params.id,
          ...(expectedVersion !== undefined ? { expectedVersion } : {}),
          message: request.body,
        }),
      }));
      if (result.replayed) reply.header('idempotency-replayed', 'true');
      return reply.code(201).send(result.body);
    },
  );

  r.post(
    '/tickets/:id/merge',
    {
      config: { auth: 'agent' },
      schema: {
        tags,
        summary: 'Merge this ticket into another',
        description: 'Moves every message to the target and closes this ticket with `mergedIntoId` set.',
        params: idParams,
        headers: ifMatchHeaders,
        body: mergeTicketSchema,
        response: { 200: z.object({ source: ticketSchema, target: ticketSchema }) },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const expectedVersion = parseIfMatch(request.headers['if-match']);
      return deps.db.transaction().execute((trx) =>
        mergeTickets(deps, trx, actor, {
          sourceId: request.params.id,
          targetId: request.body.targetTicketId,
          ...(expectedVersion !== undefined ? { expectedVersion } : {}),
        }),
      );
    },
  );

  r.get(
    '/tickets/:id/children',
    {
      config: { auth: 'light_agent' },
      schema: {
        tags,
        summary: 'Child tickets',
        params: idParams,
        response: { 200: z.object({ data: z.array(ticketSchema) }) },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const ws = actor.workspaceId;
      const parent = await findTicket(deps.db, ws, request.params.id);
      if (!parent) throw new DomainError('TICKET_NOT_FOUND', `Ticket ${request.params.id} does not exist.`);
      const ids = await listChildIds(deps.db, ws, parent.id);
      const children = (await Promise.all(ids.map((id) => findTicket(deps.db, ws, id)))).filter(
        (t) => t !== undefined,
      );
      const followers = await listFollowerIds(deps.db, ws, ids);
      return { data: children.map((t) => toTicketDto(t, followers.get(t.id) ?? [])) };
    },
  );

  r.get(
    '/tickets/:id/timeline',
    {
      config: { auth: 'light_agent' },
      schema: {
        tags,
        summary: 'Everything that happened to a ticket, in order',
        description: 'Read from the append-only event log: creation, messages, field changes, merges, links.',
        params: idParams,
        querystring: z.object({
          after: z.coerce.number().int().nonnegative().optional().describe('Return events with a larger id.'),
          limit: z.coerce.number().int().min(1).max(500).default(200),
        }),
        response: { 200: z.object({ data: z.array(eventSchema) }) },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const ticket = await findTicket(deps.db, actor.workspaceId, request.params.id);
      if (!ticket) throw new DomainError('TICKET_NOT_FOUND', `Ticket ${request.params.id} does not exist.`);
      const rows = await listEvents(deps.db, actor.workspaceId, {
        ticketId: ticket.id,
        limit: request.query.limit,
        ...(request.query.after !== undefined ? { afterId: request.query.after } : {}),
      });
      return { data: rows.map(toEventDto) };
    },
  );
}
