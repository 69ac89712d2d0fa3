/** HTTP routes of business-hours calendars: everyone reads them, admins shape them. */
import {
  businessCalendarDtoSchema,
  calendarStatusQuerySchema,
  calendarStatusSchema,
  createBusinessCalendarSchema,
  DomainError,
  idSchema,
  isWithinBusinessHours,
  nextBusinessTransition,
  updateBusinessCalendarSchema,
} from '@switchboard/core';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../http/auth.ts';
import type { Deps } from '../../platform/deps.ts';
import { findCalendar, listCalendars, toBusinessCalendar, toCalendarDto } from './calendars.repository.ts';
import { createCalendar } from './commands/create-calendar.ts';
import { deleteCalendar } from './commands/delete-calendar.ts';
import { updateCalendar } from './commands/update-calendar.ts';

const tags = ['SLA'];
const idParams = z.object({ id: idSchema });

export function registerCalendarRoutes(app: FastifyInstance, deps: Deps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const load = async (workspaceId: string, id: string) => {
    const row = await findCalendar(deps.db, workspaceId, id);
    if (!row) throw new DomainError('CALENDAR_NOT_FOUND', `Business calendar ${id} does not exist.`);
    return row;
  };

  r.get(
    '/business-calendars',
    {
      config: { auth: 'light_agent' },
      schema: {
        tags,
        summary: 'List business calendars',
        description: 'Sorted by name.',
        response: { 200: z.object({ data: z.array(businessCalendarDtoSchema) }) },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      return { data: (await listCalendars(deps.db, actor.workspaceId)).map(toCalendarDto) };
    },
  );

  r.get(
    '/business-calendars/:id',
    {
      config: { auth: 'light_agent' },
      schema: {
        tags,
        summary: 'Get a business calendar',
        params: idParams,
        response: { 200: businessCalendarDtoSchema },
      },
    },
    async (request) => toCalendarDto(await load(actorOf(request).workspaceId, request.params.id)),
  );

  r.get(
    '/business-calendars/:id/status',
    {
      config: { auth: 'light_agent' },
      schema: {
        tags,
        summary: 'Whether a calendar is open at an instant, and when that next changes',
        params: idParams,
        querystring: calendarStatusQuerySchema,
        response: { 200: calendarStatusSchema },
      },
    },
    async (request) => {
      const calendar = toBusinessCalendar(await load(actorOf(request).workspaceId, request.params.id));
      const at = request.query.at ? new Date(request.query.at) : deps.clock.now();
      const next = nextBusinessTransition(calendar, at);
      return {
        at: at.toISOString(),
        isWithin: isWithinBusinessHours(calendar, at),
        nextTransition: next ? { kind: next.kind, at: next.at.toISOString() } : null,
      };
    },
  );

  r.post(
    '/business-calendars',
    {
      config: { auth: 'admin' },
      schema: {
        tags,
        summary: 'Create a business calendar',
        description: 'An IANA zone, weekly windows in local time (no overlaps) and holiday dates.',
        body: createBusinessCalendarSchema,
        response: { 201: businessCalendarDtoSchema },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const calendar = await deps.db
        .transaction()
        .execute((trx) => createCalendar(deps, trx, actor, request.body));
      return reply.code(201).header('location', `/api/v1/business-calendars/${calendar.id}`).send(calendar);
    },
  );

  r.patch(
    '/business-calendars/:id',
    {
      config: { auth: 'admin' },
      schema: {
        tags,
        summary: 'Change a business calendar',
        description:
          'Due times of unsolved tickets under policies using it are recomputed by the next sweep.',
        params: idParams,
        body: updateBusinessCalendarSchema,
        response: { 200: businessCalendarDtoSchema },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      return deps.db
        .transaction()
        .execute((trx) =>
          updateCalendar(deps, trx, actor, { calendarId: request.params.id, changes: request.body }),
        );
    },
  );

  r.delete(
    '/business-calendars/:id',
    {
      config: { auth: 'admin' },
      schema: {
        tags,
        summary: 'Delete a business calendar',
        description: 'Refused with CALENDAR_IN_USE while an SLA policy or the workspace settings use it.',
        params: idParams,
        response: { 204: z.null().describe('Deleted.') },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      await deps.db
        .transaction()
        .execute((trx) => deleteCalendar(deps, trx, actor, { calendarId: request.params.id }));
      return reply.code(204).send(null);
    },
  );
}
