/** HTTP routes of macros: everyone reads what they see, agents keep their own, admins share. */
import {
  createMacroSchema,
  DomainError,
  idSchema,
  listMacrosQuerySchema,
  macroSchema,
  updateMacroSchema,
} from '@switchboard/core';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../http/auth.ts';
import type { Deps } from '../../platform/deps.ts';
import { registerCannedResponseRoutes } from '../canned-responses/canned-responses.routes.ts';
import { createMacro } from './commands/create-macro.ts';
import { deleteMacro } from './commands/delete-macro.ts';
import { updateMacro } from './commands/update-macro.ts';
import { registerMacroApplyRoutes } from './macro-apply.routes.ts';
import { findVisibleMacro, listVisibleMacros, toMacroDto } from './macros.repository.ts';

const tags = ['Macros'];
const idParams = z.object({ id: idSchema });

export function registerMacroRoutes(app: FastifyInstance, deps: Deps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  registerCannedResponseRoutes(app, deps);
  registerMacroApplyRoutes(app, deps);

  r.get(
    '/macros',
    {
      config: { auth: 'light_agent' },
      schema: {
        tags,
        summary: 'List macros',
        description: 'Shared ones and your personal ones, by name. `q` matches names.',
        querystring: listMacrosQuerySchema,
        response: { 200: z.object({ data: z.array(macroSchema) }) },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const rows = await listVisibleMacros(deps.db, actor.workspaceId, actor.userId, request.query.q);
      return { data: rows.map(toMacroDto) };
    },
  );

  r.get(
    '/macros/:id',
    {
      config: { auth: 'light_agent' },
      schema: { tags, summary: 'Get a macro', params: idParams, response: { 200: macroSchema } },
    },
    async (request) => {
      const actor = actorOf(request);
      const row = await findVisibleMacro(deps.db, actor.workspaceId, actor.userId, request.params.id);
      if (!row) throw new DomainError('MACRO_NOT_FOUND', `Macro ${request.params.id} does not exist.`);
      return toMacroDto(row);
    },
  );

  r.post(
    '/macros',
    {
      config: { auth: 'agent' },
      schema: {
        tags,
        summary: 'Create a macro',
        description:
          "Agents create personal macros; 'shared' needs an admin. Each action is checked like a rule's (`/actions/1/status`).",
        body: createMacroSchema,
        response: { 201: macroSchema },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const dto = await deps.db.transaction().execute((trx) => createMacro(deps, trx, actor, request.body));
      return reply.code(201).header('location', `/api/v1/macros/${dto.id}`).send(dto);
    },
  );

  r.patch(
    '/macros/:id',
    {
      config: { auth: 'agent' },
      schema: {
        tags,
        summary: 'Change a macro',
        description: 'Your personal macros, or shared ones if you are an admin.',
        params: idParams,
        body: updateMacroSchema,
        response: { 200: macroSchema },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      return deps.db
        .transaction()
        .execute((trx) => updateMacro(deps, trx, actor, { id: request.params.id, changes: request.body }));
    },
  );

  r.delete(
    '/macros/:id',
    {
      config: { auth: 'agent' },
      schema: { tags, summary: 'Delete a macro', params: idParams },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      await deps.db.transaction().execute((trx) => deleteMacro(deps, trx, actor, { id: request.params.id }));
      return reply.code(204).send();
    },
  );
}
