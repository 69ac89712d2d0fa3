/** HTTP routes of contacts (customers): validate, run one command, shape the reply. */
import {
  contactSchema,
  createContactSchema,
  DomainError,
  idSchema,
  listContactsQuerySchema,
  mergeContactSchema,
  pageSchema,
  paginationQuerySchema,
  ticketSchema,
  updateContactSchema,
} from '@switchboard/core';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../http/auth.ts';
import { runIdempotent } from '../../http/idempotency.ts';
import type { Deps } from '../../platform/deps.ts';
import { createContact } from './commands/create-contact.ts';
import { deleteContact } from './commands/delete-contact.ts';
import { mergeContacts } from './commands/merge-contacts.ts';
import { updateContact } from './commands/update-contact.ts';
import { listContacts } from './contact-search.repository.ts';
import { findContact, listIdentities, toContactDto } from './contacts.repository.ts';
import { invalidCursor, listTicketPage } from './list-ticket-page.ts';

const tags = ['Contacts'];
const idParams = z.object({ id: idSchema });

export function registerContactRoutes(app: FastifyInstance, deps: Deps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  const requireContact = async (workspaceId: string, id: string) => {
    const contact = await findContact(deps.db, workspaceId, id);
    if (!contact) throw new DomainError('CONTACT_NOT_FOUND', `Contact ${id} does not exist.`);
    return contact;
  };

  r.post(
    '/contacts',
    {
      config: { auth: 'agent' },
      schema: {
        tags,
        summary: 'Create a contact',
        description:
          'Send `Idempotency-Key` to make retries safe. An email, phone or external id that belongs to another contact answers 409 `CONTACT_IDENTITY_TAKEN` naming it.',
        body: createContactSchema,
        response: { 201: contactSchema },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const result = await runIdempotent(deps, request, async (trx) => ({
        status: 201,
        body: await createContact(deps, trx, actor, request.body),
      }));
      if (result.replayed) reply.header('idempotency-replayed', 'true');
      return reply.header('location', `/api/v1/contacts/${result.body.id}`).code(201).send(result.body);
    },
  );

  r.get(
    '/contacts',
    {
      config: { auth: 'light_agent' },
      schema: {
        tags,
        summary: 'List and search contacts',
        description: 'Sorted by name. Filters combine with AND.',
        querystring: listContactsQuerySchema,
        response: { 200: pageSchema(contactSchema) },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const page = await listContacts(deps.db, actor.workspaceId, request.query);
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
    '/contacts/:id',
    {
      config: { auth: 'light_agent' },
      schema: { tags, summary: 'Get a contact', params: idParams, response: { 200: contactSchema } },
    },
    async (request) => {
      const actor = actorOf(request);
      const contact = await requireContact(actor.workspaceId, request.params.id);
      const identities = await listIdentities(deps.db, actor.workspaceId, [contact.id]);
      return toContactDto(contact, identities.get(contact.id));
    },
  );

  r.patch(
    '/contacts/:id',
    {
      config: { auth: 'agent' },
      schema: {
        tags,
        summary: 'Update a contact',
        description:
          'Identity lists given replace the stored ones; attributes merge, and null deletes a key. Existing tickets keep their organisation.',
        params: idParams,
        body: updateContactSchema,
        response: { 200: contactSchema },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      return deps.db
        .transaction()
        .execute((trx) =>
          updateContact(deps, trx, actor, { contactId: request.params.id, changes: request.body }),
        );
    },
  );

  r.delete(
    '/contacts/:id',
    {
      config: { auth: 'admin' },
      schema: {
        tags,
        summary: 'Delete a contact',
        description:
          'A contact who requested tickets is refused with 409 `CONTACT_HAS_TICKETS`: merge instead.',
        params: idParams,
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      await deps.db
        .transaction()
        .execute((trx) => deleteContact(deps, trx, actor, { contactId: request.params.id }));
      return reply.code(204).send();
    },
  );

  r.post(
    '/contacts/:id/merge',
    {
      config: { auth: 'agent' },
      schema: {
        tags,
        summary: 'Merge this contact into another',
        description:
          "Moves this contact's identities and tickets to the target (tickets take the target's organisation), fills the target's empty fields, and deletes this contact. Returns the target.",
        params: idParams,
        body: mergeContactSchema,
        response: { 200: contactSchema },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      return deps.db.transaction().execute((trx) =>
        mergeContacts(deps, trx, actor, {
          sourceId: request.params.id,
          targetId: request.body.targetContactId,
        }),
      );
    },
  );

  r.get(
    '/contacts/:id/tickets',
    {
      config: { auth: 'light_agent' },
      schema: {
        tags,
        summary: 'Tickets the contact requested, newest first',
        description: 'Across every channel.',
        params: idParams,
        querystring: paginationQuerySchema.strict(),
        response: { 200: pageSchema(ticketSchema) },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const contact = await requireContact(actor.workspaceId, request.params.id);
      return listTicketPage(deps.db, actor.workspaceId, { requesterId: contact.id, ...request.query });
    },
  );
}
