/** HTTP routes of canned responses: everyone reads what they see, agents keep their own, admins share. */
import {
  cannedResponseSchema,
  createCannedResponseSchema,
  DomainError,
  idSchema,
  listCannedResponsesQuerySchema,
  renderCannedResponseSchema,
  renderedCannedResponseSchema,
  updateCannedResponseSchema,
} from '@switchboard/core';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../http/auth.ts';
import type { Deps } from '../../platform/deps.ts';
import {
  findVisibleCannedResponse,
  listVisibleCannedResponses,
  toCannedResponseDto,
} from './canned-responses.repository.ts';
import { createCannedResponse } from './commands/create-canned-response.ts';
import { deleteCannedResponse } from './commands/delete-canned-response.ts';
import { renderCannedResponse } from './commands/render-canned-response.ts';
import { updateCannedResponse } from './commands/update-canned-response.ts';

const tags = ['Canned responses'];
const idParams = z.object({ id: idSchema });

export function registerCannedResponseRoutes(app: FastifyInstance, deps: Deps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/canned-responses',
    {
      config: { auth: 'light_agent' },
      schema: {
        tags,
        summary: 'List canned responses',
        description: 'Shared ones and your personal ones, by name. `q` matches names and shortcuts.',
        querystring: listCannedResponsesQuerySchema,
        response: { 200: z.object({ data: z.array(cannedResponseSchema) }) },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const rows = await listVisibleCannedResponses(
        deps.db,
        actor.workspaceId,
        actor.userId,
        request.query.q,
      );
      return { data: rows.map(toCannedResponseDto) };
    },
  );

  r.get(
    '/canned-responses/:id',
    {
      config: { auth: 'light_agent' },
      schema: {
        tags,
        summary: 'Get a canned response',
        params: idParams,
        response: { 200: cannedResponseSchema },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const row = await findVisibleCannedResponse(
        deps.db,
        actor.workspaceId,
        actor.userId,
        request.params.id,
      );
      if (!row)
        throw new DomainError(
          'CANNED_RESPONSE_NOT_FOUND',
          `Canned response ${request.params.id} does not exist.`,
        );
      return toCannedResponseDto(row);
    },
  );

  r.post(
    '/canned-responses',
    {
      config: { auth: 'agent' },
      schema: {
        tags,
        summary: 'Create a canned response',
        description:
          "Agents create personal ones; 'shared' needs an admin. Unknown placeholders are refused.",
        body: createCannedResponseSchema,
        response: { 201: cannedResponseSchema },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const dto = await deps.db
        .transaction()
        .execute((trx) => createCannedResponse(deps, trx, actor, request.body));
      return reply.code(201).header('location', `/api/v1/canned-responses/${dto.id}`).send(dto);
    },
  );

  r.patch(
    '/canned-responses/:id',
    {
      config: { auth: 'agent' },
      schema: {
        tags,
        summary: 'Change a canned response',
        description: 'Your personal ones, or shared ones if you are an admin.',
        params: idParams,
        body: updateCannedResponseSchema,
        response: { 200: cannedResponseSchema },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      return deps.db
        .transaction()
        .execute((trx) =>
          updateCannedResponse(deps, trx, actor, { id: request.params.id, changes: request.body }),
        );
    },
  );

  r.delete(
    '/canned-responses/:id',
    {
      config: { auth: 'agent' },
      schema: { tags, summary: 'Delete a canned response', params: idParams },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      await deps.db
        .transaction()
        .execute((trx) => deleteCannedResponse(deps, trx, actor, { id: request.params.id }));
      return reply.code(204).send();
    },
  );

  r.post(
    '/canned-responses/:id/render',
    {
      config: { auth: 'light_agent' },
      schema: {
        tags,
        summary: 'Fill in a canned response for a ticket',
        description: "For the composer: placeholders filled, in the requester's language.",
        params: idParams,
        body: renderCannedResponseSchema,
        response: { 200: renderedCannedResponseSchema },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      return renderCannedResponse(deps, actor, { id: request.params.id, ticketId: request.body.ticketId });
    },
  );
}
