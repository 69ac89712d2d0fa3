/**
 * HTTP routes of SLA: calendars (calendars.routes.ts), policies, and a ticket's clocks.
 * Everyone reads; admins configure.
 */
import {
  createSlaPolicySchema,
  DomainError,
  idSchema,
  reorderSlaPoliciesSchema,
  slaPolicyDtoSchema,
  ticketSlaSchema,
  updateSlaPolicySchema,
} from '@switchboard/core';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../http/auth.ts';
import type { Deps } from '../../platform/deps.ts';
import { registerCalendarRoutes } from './calendars.routes.ts';
import { createSlaPolicy } from './commands/create-sla-policy.ts';
import { deleteSlaPolicy } from './commands/delete-sla-policy.ts';
import { getTicketSla } from './commands/get-ticket-sla.ts';
import { reorderSlaPolicies } from './commands/reorder-sla-policies.ts';
import { updateSlaPolicy } from './commands/update-sla-policy.ts';
import { findSlaPolicy, listSlaPolicies, toSlaPolicyDto } from './sla-policies.repository.ts';

const tags = ['SLA'];
const idParams = z.object({ id: idSchema });
const policyList = z.object({ data: z.array(slaPolicyDtoSchema) });

export function registerSlaRoutes(app: FastifyInstance, deps: Deps): void {
  registerCalendarRoutes(app, deps);
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/sla-policies',
    {
      config: { auth: 'light_agent' },
      schema: {
        tags,
        summary: 'List SLA policies',
        description: 'In the order they are tried.',
        response: { 200: policyList },
      },
    },
    async (request) => ({
      data: (await listSlaPolicies(deps.db, actorOf(request).workspaceId)).map(toSlaPolicyDto),
    }),
  );

  r.get(
    '/sla-policies/:id',
    {
      config: { auth: 'light_agent' },
      schema: { tags, summary: 'Get an SLA policy', params: idParams, response: { 200: slaPolicyDtoSchema } },
    },
    async (request) => {
      const policy = await findSlaPolicy(deps.db, actorOf(request).workspaceId, request.params.id);
      if (!policy)
        throw new DomainError('SLA_POLICY_NOT_FOUND', `SLA policy ${request.params.id} does not exist.`);
      return toSlaPolicyDto(policy);
    },
  );

  r.post(
    '/sla-policies',
    {
      config: { auth: 'admin' },
      schema: {
        tags,
        summary: 'Create an SLA policy',
        description:
          'Added after the existing policies. The first enabled policy whose conditions match a ticket covers it, unless a rule applied one.',
        body: createSlaPolicySchema,
        response: { 201: slaPolicyDtoSchema },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const policy = await deps.db
        .transaction()
        .execute((trx) => createSlaPolicy(deps, trx, actor, request.body));
      return reply.code(201).header('location', `/api/v1/sla-policies/${policy.id}`).send(policy);
    },
  );

  r.put(
    '/sla-policies/order',
    {
      config: { auth: 'admin' },
      schema: {
        tags,
        summary: 'Reorder SLA policies',
        body: reorderSlaPoliciesSchema,
        response: { 200: policyList },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const data = await deps.db
        .transaction()
        .execute((trx) => reorderSlaPolicies(deps, trx, actor, request.body));
      return { data };
    },
  );

  r.patch(
    '/sla-policies/:id',
    {
      config: { auth: 'admin' },
      schema: {
        tags,
        summary: 'Change an SLA policy',
        description:
          '`targets` replaces all targets. Due times of affected unsolved tickets are recomputed by the next sweep.',
        params: idParams,
        body: updateSlaPolicySchema,
        response: { 200: slaPolicyDtoSchema },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      return deps.db
        .transaction()
        .execute((trx) =>
          updateSlaPolicy(deps, trx, actor, { policyId: request.params.id, changes: request.body }),
        );
    },
  );

  r.delete(
    '/sla-policies/:id',
    {
      config: { auth: 'admin' },
      schema: {
        tags,
        summary: 'Delete an SLA policy',
        description: 'Unsolved tickets it covered choose their policy again.',
        params: idParams,
        response: { 204: z.null().describe('Deleted.') },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      await deps.db
        .transaction()
        .execute((trx) => deleteSlaPolicy(deps, trx, actor, { policyId: request.params.id }));
      return reply.code(204).send(null);
    },
  );

  r.get(
    '/tickets/:id/sla',
    {
      config: { auth: 'light_agent' },
      schema: {
        tags: ['Tickets', ...tags],
        summary: "A ticket's SLA policy and clocks",
        params: idParams,
        response: { 200: ticketSlaSchema },
      },
    },
    async (request) => getTicketSla(deps, deps.db, actorOf(request), { ticketId: request.params.id }),
  );
}
