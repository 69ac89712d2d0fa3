/**
 * The notification outbox, read-only: what rules and alerts asked to send, to whom, and
 * whether it went. Agents see what is addressed to them (directly or as a team member);
 * admins see all.
 */
import {
  DomainError,
  idSchema,
  listNotificationsQuerySchema,
  listTicketNotificationsQuerySchema,
  notificationSchema,
  pageSchema,
} from '@switchboard/core';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../http/auth.ts';
import { hasRole } from '../../platform/actor.ts';
import type { Deps } from '../../platform/deps.ts';
import { invalidCursor } from '../contacts/list-ticket-page.ts';
import { findTicket } from '../tickets/tickets.repository.ts';
import { listNotifications, type NotificationFilter, toNotificationDto } from './notifications.repository.ts';

const tags = ['Notifications'];

export function registerNotificationRoutes(app: FastifyInstance, deps: Deps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  const page = async (workspaceId: string, filter: NotificationFilter) => {
    const result = await listNotifications(deps.db, workspaceId, filter);
    if (!result) throw invalidCursor();
    return { data: result.rows.map(toNotificationDto), nextCursor: result.nextCursor };
  };

  r.get(
    '/notifications',
    {
      config: { auth: 'light_agent' },
      schema: {
        tags,
        summary: 'Notifications, newest first',
        description:
          'Admins see every notification of the workspace; other agents those addressed to them, ' +
          'directly or as a member of a team. Filters combine with AND.',
        querystring: listNotificationsQuerySchema,
        response: { 200: pageSchema(notificationSchema) },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      if (hasRole(actor.role, 'admin')) return page(actor.workspaceId, request.query);
      // Nothing is addressed to a caller without a user behind them (none exists today).
      if (!actor.userId) return { data: [], nextCursor: null };
      return page(actor.workspaceId, { ...request.query, addressedToUserId: actor.userId });
    },
  );

  r.get(
    '/tickets/:id/notifications',
    {
      config: { auth: 'light_agent' },
      schema: {
        tags,
        summary: "A ticket's notifications, newest first",
        description:
          'Everything rules and alerts asked to send about the ticket, to agents, teams or the requester.',
        params: z.object({ id: idSchema }),
        querystring: listTicketNotificationsQuerySchema,
        response: { 200: pageSchema(notificationSchema) },
      },
    },
    async (request) => {
      const ws = actorOf(request).workspaceId;
      const ticket = await findTicket(deps.db, ws, request.params.id);
      if (!ticket) throw new DomainError('TICKET_NOT_FOUND', `Ticket ${request.params.id} does not exist.`);
      return page(ws, { ...request.query, ticketId: ticket.id });
    },
  );
}
