/**
 * HTTP routes of channels: admins configure web forms, phone lines and inbound sources;
 * integrations post messages from social networks and other sources to
 * `/channels/{id}/inbound` (docs/CHANNELS.md).
 */
import {
  channelDtoSchema,
  channelKindSchema,
  createChannelSchema,
  idSchema,
  inboundMessageSchema,
  inboundResultSchema,
  updateChannelSchema,
} from '@switchboard/core';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../http/auth.ts';
import type { Deps } from '../../platform/deps.ts';
import type { Metrics } from '../../platform/metrics.ts';
import { findChannel, listChannels, toChannelDto } from './channels.repository.ts';
import { createChannel } from './commands/create-channel.ts';
import { receiveInboundMessage } from './commands/receive-inbound-message.ts';
import { channelNotFound, deleteChannel, updateChannel } from './commands/update-channel.ts';

const tags = ['Channels'];
const idParams = z.object({ id: idSchema });

export function registerChannelRoutes(app: FastifyInstance, deps: Deps, metrics: Metrics): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/channels',
    {
      config: { auth: 'admin' },
      schema: {
        tags,
        summary: 'List channels',
        description: 'Web forms, phone lines and generic inbound sources, oldest first.',
        querystring: z.object({ kind: channelKindSchema.optional() }),
        response: { 200: z.object({ data: z.array(channelDtoSchema) }) },
      },
    },
    async (request) => {
      const rows = await listChannels(deps.db, actorOf(request).workspaceId, { kind: request.query.kind });
      return { data: rows.map(toChannelDto) };
    },
  );

  r.post(
    '/channels',
    {
      config: { auth: 'admin' },
      schema: {
        tags,
        summary: 'Create a channel',
        body: createChannelSchema,
        response: { 201: channelDtoSchema },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const channel = await deps.db
        .transaction()
        .execute((trx) => createChannel(deps, trx, actor, request.body));
      return reply.code(201).header('location', `/api/v1/channels/${channel.id}`).send(channel);
    },
  );

  r.get(
    '/channels/:id',
    {
      config: { auth: 'admin' },
      schema: { tags, summary: 'Get a channel', params: idParams, response: { 200: channelDtoSchema } },
    },
    async (request) => {
      const row = await findChannel(deps.db, actorOf(request).workspaceId, request.params.id);
      if (!row) throw channelNotFound(request.params.id);
      return toChannelDto(row);
    },
  );

  r.patch(
    '/channels/:id',
    {
      config: { auth: 'admin' },
      schema: {
        tags,
        summary: 'Update a channel',
        description: 'A disabled channel refuses new messages and calls with 409 `CHANNEL_DISABLED`.',
        params: idParams,
        body: updateChannelSchema,
        response: { 200: channelDtoSchema },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      return deps.db
        .transaction()
        .execute((trx) => updateChannel(deps, trx, actor, request.params.id, request.body));
    },
  );

  r.delete(
    '/channels/:id',
    {
      config: { auth: 'admin' },
      schema: {
        tags,
        summary: 'Delete a channel',
        description: 'Refused with 409 `CHANNEL_IN_USE` once tickets came through it: disable it instead.',
        params: idParams,
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      await deps.db.transaction().execute((trx) => deleteChannel(deps, trx, actor, request.params.id));
      return reply.code(204).send();
    },
  );

  r.post(
    '/channels/:id/inbound',
    {
      config: { auth: 'agent' },
      schema: {
        tags,
        summary: 'Receive a message from a social network or another source',
        description:
          'For `api` and `social` channels. Opens a ticket showing the channel’s name, or continues the ticket ' +
          'of the same `externalThreadId` (a follow-up when that ticket is closed). Idempotent by ' +
          '`externalMessageId`: the first call answers 201, a retry 200 with the same body.',
        params: idParams,
        body: inboundMessageSchema,
        response: { 200: inboundResultSchema, 201: inboundResultSchema },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const { result, replayed, channelKind } = await deps.db
        .transaction()
        .execute((trx) => receiveInboundMessage(deps, trx, actor, request.params.id, request.body));
      if (!replayed && result.createdTicket) {
        metrics.ticketsCreated.labels(channelKind === 'social' ? 'social' : 'api').inc();
      }
      return reply.code(replayed ? 200 : 201).send(result);
    },
  );
}
