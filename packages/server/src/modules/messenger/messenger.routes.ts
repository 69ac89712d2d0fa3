/**
 * Agent-side routes of the messenger: the workspace's widget settings (admins) and the
 * agent half of typing and read receipts, which the visitor sees in the widget.
 */
import { DomainError, idSchema } from '@switchboard/core';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../http/auth.ts';
import type { Deps } from '../../platform/deps.ts';
import { findTicket } from '../tickets/tickets.repository.ts';
import { markRead } from './commands/mark-read.ts';
import { rotateIdentitySecret } from './commands/rotate-identity-secret.ts';
import { ensureMessengerSettings, updateMessengerSettings } from './commands/update-messenger-settings.ts';
import type { MessengerSettingsRow } from './messenger.repository.ts';
import { messengerSettingsSchema, readSchema, updateMessengerSettingsSchema } from './messenger.schemas.ts';
import { publishRead, publishTyping } from './messenger-realtime.ts';

const tags = ['Messenger'];

function toSettingsDto(s: MessengerSettingsRow) {
  return {
    workspaceKey: s.workspace_key,
    enabled: s.enabled,
    identityRequired: s.identity_required,
    identitySecretSet: s.identity_secret !== null,
    brandColor: s.brand_color,
    greeting: { ko: s.greeting_ko, en: s.greeting_en },
    preChat: { name: s.pre_chat_name, email: s.pre_chat_email },
    updatedAt: s.updated_at.toISOString(),
  };
}

export function registerMessengerRoutes(app: FastifyInstance, deps: Deps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/messenger/settings',
    {
      config: { auth: 'admin' },
      schema: {
        tags,
        summary: 'Messenger settings (created with defaults on first read)',
        response: { 200: messengerSettingsSchema },
      },
    },
    async (request) => {
      const ws = actorOf(request).workspaceId;
      return toSettingsDto(await deps.db.transaction().execute((trx) => ensureMessengerSettings(trx, ws)));
    },
  );

  r.put(
    '/messenger/settings',
    {
      config: { auth: 'admin' },
      schema: {
        tags,
        summary: 'Change messenger settings',
        body: updateMessengerSettingsSchema,
        response: { 200: messengerSettingsSchema },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const row = await deps.db
        .transaction()
        .execute((trx) => updateMessengerSettings(deps, trx, actor, request.body));
      return toSettingsDto(row);
    },
  );

  r.post(
    '/messenger/settings/rotate-secret',
    {
      config: { auth: 'admin' },
      schema: {
        tags,
        summary: 'Make a new identity secret (shown only in this answer)',
        description:
          'Your backend signs each user id with it: hash = HMAC-SHA256(secret, user id), hex. The previous secret stops working.',
        response: { 200: z.object({ identitySecret: z.string() }) },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const identitySecret = await deps.db
        .transaction()
        .execute((trx) => rotateIdentitySecret(deps, trx, actor));
      return { identitySecret };
    },
  );

  const conversationParams = z.object({ id: idSchema });
  const chatTicket = async (workspaceId: string, id: string) => {
    const ticket = await findTicket(deps.db, workspaceId, id);
    if (!ticket) throw new DomainError('TICKET_NOT_FOUND', `Ticket ${id} does not exist.`);
    return ticket;
  };

  r.post(
    '/messenger/conversations/:id/read',
    {
      config: { auth: 'light_agent' },
      schema: {
        tags,
        summary: 'Agent read receipt: shown to the visitor as "seen"',
        params: conversationParams,
        body: readSchema,
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      await chatTicket(actor.workspaceId, request.params.id);
      const at = deps.clock.now();
      await deps.db.transaction().execute((trx) =>
        markRead(trx, {
          workspaceId: actor.workspaceId,
          ticketId: request.params.id,
          side: 'agent',
          messageId: request.body.messageId,
          at,
        }),
      );
      await publishRead(deps.realtime, {
        conversationId: request.params.id,
        side: 'agent',
        messageId: request.body.messageId,
        readAt: at.toISOString(),
      });
      return reply.code(204).send();
    },
  );

  r.post(
    '/messenger/conversations/:id/typing',
    {
      config: { auth: 'agent' },
      schema: { tags, summary: 'Show the visitor that an agent is typing', params: conversationParams },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      await chatTicket(actor.workspaceId, request.params.id);
      const user = actor.userId
        ? await deps.db
            .selectFrom('users')
            .select('name')
            .where('workspace_id', '=', actor.workspaceId)
            .where('id', '=', actor.userId)
            .executeTakeFirst()
        : undefined;
      await publishTyping(deps.realtime, {
        conversationId: request.params.id,
        side: 'agent',
        name: user?.name.split(' ')[0] ?? null,
      });
      return reply.code(204).send();
    },
  );
}
