/** HTTP routes of organisations: validate, run one command, shape the reply. */
import {
  contactSchema,
  createOrganizationSchema,
  DomainError,
  idSchema,
  listOrganizationsQuerySchema,
  organizationSchema,
  pageSchema,
  paginationQuerySchema,
  ticketSchema,
  updateOrganizationSchema,
} from '@switchboard/core';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../http/auth.ts';
import { runIdempotent } from '../../http/idempotency.ts';
import type { Deps } from '../../platform/deps.ts';
import { listContacts } from '../contacts/contact-search.repository.ts';
import { listIdentities, toContactDto } from '../contacts/contacts.repository.ts';
import { invalidCursor, listTicketPage } from '../contacts/list-ticket-page.ts';
import { createOrganization } from './commands/create-organization.ts';
import { deleteOrganization } from './commands/delete-organization.ts';
import { updateOrganization } from './commands/update-organization.ts';
import { findOrganization, listOrganizations, toOrganizationDto } from './organizations.repository.ts';

const tags = ['Organizations'];
const idParams = z.object({ id: idSchema });

export function registerOrganizationRoutes(app: FastifyInstance, deps: Deps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  const requireOrganization = async (workspaceId: string, id: string) => {
    const org = await findOrganization(deps.db, workspaceId, id);
    if (!org) throw new DomainError('ORGANIZATION_NOT_FOUND', `Organisation ${id} does not exist.`);
    return org;
  };

  r.post(
    '/organizations',
    {
      config: { auth: 'agent' },
      schema: {
        tags,
        summary: 'Create an organisation',
        description:
          'Send `Idempotency-Key` to make retries safe. A domain that belongs to another organisation answers 409 `ORGANIZATION_DOMAIN_TAKEN`.',
        body: createOrganizationSchema,
        response: { 201: organizationSchema },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const result = await runIdempotent(deps, request, async (trx) => ({
        status: 201,
        body: await createOrganization(deps, trx, actor, request.body),
      }));
      if (result.replayed) reply.header('idempotency-replayed', 'true');
      return reply.header('location', `/api/v1/organizations/${result.body.id}`).code(201).send(result.body);
    },
  );

  r.get(
    '/organizations',
    {
      config: { auth: 'light_agent' },
      schema: {
        tags,
        summary: 'List and search organisations',
        description: 'Sorted by name.',
        querystring: listOrganizationsQuerySchema,
        response: { 200: pageSchema(organizationSchema) },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const page = await listOrganizations(deps.db, actor.workspaceId, request.query);
      if (!page) throw invalidCursor();
      return { data: page.rows.map(toOrganizationDto), nextCursor: page.nextCursor };
    },
  );

  r.get(
    '/organizations/:id',
    {
      config: { auth: 'light_agent' },
      schema: {
        tags,
        summary: 'Get an organisation',
        params: idParams,
        response: { 200: organizationSchema },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      return toOrganizationDto(await requireOrganization(actor.workspaceId, request.params.id));
    },
  );

  r.patch(
    '/organizations/:id',
    {
      config: { auth: 'agent' },
      schema: {
        tags,
        summary: 'Update an organisation',
        description: 'Domains given replace the stored ones; attributes merge, and null deletes a key.',
        params: idParams,
        body: updateOrganizationSchema,
        response: { 200: organizationSchema },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      return deps.db.transaction().execute((trx) =>
        updateOrganization(deps, trx, actor, {
          organizationId: request.params.id,
          changes: request.body,
        }),
      );
    },
  );

  r.delete(
    '/organizations/:id',
    {
      config: { auth: 'admin' },
      schema: {
        tags,
        summary: 'Delete an organisation',
        description: 'Its contacts and tickets stay and belong to no organisation afterwards.',
        params: idParams,
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      await deps.db
        .transaction()
        .execute((trx) => deleteOrganization(deps, trx, actor, { organizationId: request.params.id }));
      return reply.code(204).send();
    },
  );

  r.get(
    '/organizations/:id/contacts',
    {
      config: { auth: 'light_agent' },
      schema: {
        tags,
        summary: 'Contacts of the organisation, sorted by name',
        params: idParams,
        querystring: paginationQuerySchema.strict(),
        response: { 200: pageSchema(contactSchema) },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const org = await requireOrganization(actor.workspaceId, request.params.id);
      const page = await listContacts(deps.db, actor.workspaceId, {
        ...request.query,
        organizationId: org.id,
      });
      if (!page) throw invalidCursor();
      const identities = await listIdentities(
        deps.db,
        actor.workspaceId,
        page.rows.map((c) => c.id),
      );
      return {
        data: page.rows.map((c) => toContactDto(c, identities.get(c.id))),
        nextCursor: page.nextCursor,
      };
    },
  );

  r.get(
    '/organizations/:id/tickets',
    {
      config: { auth: 'light_agent' },
      schema: {
        tags,
        summary: 'Tickets of the organisation, newest first',
        params: idParams,
        querystring: paginationQuerySchema.strict(),
        response: { 200: pageSchema(ticketSchema) },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const org = await requireOrganization(actor.workspaceId, request.params.id);
      return listTicketPage(deps.db, actor.workspaceId, { organizationId: org.id, ...request.query });
    },
  );
}
