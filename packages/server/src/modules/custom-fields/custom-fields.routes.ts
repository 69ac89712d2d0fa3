/** HTTP routes of custom ticket field definitions: agents read them, admins define them. */
import {
  createCustomFieldSchema,
  customFieldKeyParamsSchema,
  customFieldSchema,
  updateCustomFieldSchema,
} from '@switchboard/core';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../http/auth.ts';
import type { Deps } from '../../platform/deps.ts';
import { createCustomField } from './commands/create-custom-field.ts';
import { deleteCustomField } from './commands/delete-custom-field.ts';
import { updateCustomField } from './commands/update-custom-field.ts';
import { listCustomFieldRows, toCustomFieldDto } from './custom-fields.repository.ts';

const tags = ['Custom fields'];

export function registerCustomFieldRoutes(app: FastifyInstance, deps: Deps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/custom-fields',
    {
      config: { auth: 'light_agent' },
      schema: {
        tags,
        summary: 'List custom ticket fields',
        description: 'In the order they were created.',
        response: { 200: z.object({ data: z.array(customFieldSchema) }) },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const rows = await listCustomFieldRows(deps.db, actor.workspaceId);
      return { data: rows.map(toCustomFieldDto) };
    },
  );

  r.post(
    '/custom-fields',
    {
      config: { auth: 'admin' },
      schema: {
        tags,
        summary: 'Define a custom ticket field',
        description: 'Keys are unique (CUSTOM_FIELD_KEY_TAKEN) and, like the type, never change.',
        body: createCustomFieldSchema,
        response: { 201: customFieldSchema },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const field = await deps.db
        .transaction()
        .execute((trx) => createCustomField(deps, trx, actor, request.body));
      return reply.code(201).header('location', `/api/v1/custom-fields/${field.key}`).send(field);
    },
  );

  r.patch(
    '/custom-fields/:key',
    {
      config: { auth: 'admin' },
      schema: {
        tags,
        summary: 'Change a custom field',
        description:
          'Label, description, required and (for dropdowns) the options. Removing an option that tickets still use is allowed.',
        params: customFieldKeyParamsSchema,
        body: updateCustomFieldSchema,
        response: { 200: customFieldSchema },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      return deps.db
        .transaction()
        .execute((trx) =>
          updateCustomField(deps, trx, actor, { key: request.params.key, changes: request.body }),
        );
    },
  );

  r.delete(
    '/custom-fields/:key',
    {
      config: { auth: 'admin' },
      schema: {
        tags,
        summary: 'Delete a custom field',
        description: 'Also removes its value from every ticket.',
        params: customFieldKeyParamsSchema,
        response: { 204: z.null().describe('Deleted.') },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      await deps.db
        .transaction()
        .execute((trx) => deleteCustomField(deps, trx, actor, { key: request.params.key }));
      return reply.code(204).send(null);
    },
  );
}
