/**
 * The visitor API under /messenger/v1, called by the widget from customers' websites.
 * Routes are 'public' to the agent auth hook; each one checks the visitor token itself.
 * They answer any Origin (`Access-Control-Allow-Origin: *`, OPTIONS preflight): the token
 * travels in the Authorization header, never in a cookie, so a foreign page gains nothing
 * it could not do with the token in hand. Budgets are per IP (sessions) and per visitor.
 */
import fastifyMultipart from '@fastify/multipart';
import { DomainError, idSchema } from '@switchboard/core';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../platform/deps.ts';
import { checkUpload, sanitizeFilename, tooLarge } from '../attachments/attachment-policy.ts';
import { findAttachment } from '../attachments/attachments.repository.ts';
import { recordAttachment } from '../attachments/commands/record-attachment.ts';
import { contentDisposition, servedContentType } from '../attachments/download-headers.ts';
import { markRead } from './commands/mark-read.ts';
import { sendVisitorMessage } from './commands/send-visitor-message.ts';
import { startSession } from './commands/start-session.ts';
import {
  findSettingsByKey,
  isConversationOfVisitor,
  listConversationsOfVisitor,
  updateVisitor,
  type VisitorRow,
} from './messenger.repository.ts';
import {
  conversationSchema,
  createSessionSchema,
  publicMessengerSettingsSchema,
  readSchema,
  sendMessageSchema,
  sessionSchema,
  startConversationSchema,
  visitorAttachmentSchema,
  visitorMessageSchema,
} from './messenger.schemas.ts';
import { publishRead } from './messenger-realtime.ts';
import { authenticateVisitor, visitorActor, visitorOfToken } from './visitor-identity.ts';
import { fixedWindowLimiter } from './visitor-rate-limit.ts';
import { acceptVisitorSocket, type VisitorSocketLimits } from './visitor-socket.ts';
import { loadConversation, loadVisitorMessages } from './visitor-views.ts';

const tags = ['Messenger (visitor)'];
const auth = 'public' as const;
const conversationParams = z.object({ id: idSchema });
const LAST_SEEN_WRITE_MS = 60_000;

export type VisitorRouteOptions = {
  /** New sessions and settings reads per IP (offices and mobile carriers share addresses). */
  sessionsPerMinute?: number;
  /** Requests and socket connections per visitor. */
  requestsPerMinute?: number;
  socket?: Partial<VisitorSocketLimits>;
};

export function registerVisitorRoutes(
  app: FastifyInstance,
  deps: Deps,
  options: VisitorRouteOptions = {},
): void {
  void app.register(async (scope) => registerScope(scope, deps, options), { prefix: '/messenger/v1' });
}

async function registerScope(
  scope: FastifyInstance,
  deps: Deps,
  options: VisitorRouteOptions,
): Promise<void> {
  const maxBytes = deps.config.SWITCHBOARD_ATTACHMENT_MAX_BYTES;
  await scope.register(fastifyMultipart, { limits: { fileSize: maxBytes, files: 1, fields: 5 } });
  const sessionBudget = fixedWindowLimiter(options.sessionsPerMinute ?? 60);
  const settingsBudget = fixedWindowLimiter(2 * (options.sessionsPerMinute ?? 60));
  const requestBudget = fixedWindowLimiter(options.requestsPerMinute ?? 120);
  scope.addHook('onRequest', async (_request, reply) => {
    reply.header('access-control-allow-origin', '*');
  });

  const tokenPolicy = () => ({
    now: deps.clock.now(),
    maxIdleDays: deps.config.SWITCHBOARD_MESSENGER_SESSION_IDLE_DAYS,
  });
  const visitorOf = async (request: FastifyRequest): Promise<VisitorRow> => {
    const visitor = await authenticateVisitor(deps.db, request, tokenPolicy());
    requestBudget.take(`v:${visitor.id}`, deps.clock.now().getTime());
    const now = deps.clock.now();
    if (now.getTime() - visitor.last_seen_at.getTime() > LAST_SEEN_WRITE_MS) {
      await updateVisitor(deps.db, visitor, { last_seen_at: now });
    }
    return visitor;
  };
  const ownConversation = async (visitor: VisitorRow, ticketId: string) => {
    if (!(await isConversationOfVisitor(deps.db, visitor, ticketId))) {
      throw new DomainError('TICKET_NOT_FOUND', `Conversation ${ticketId} does not exist.`);
    }
  };

  const conversationOf = async (visitor: VisitorRow, ticketId: string) => {
    const conversation = await loadConversation(deps.db, visitor.workspace_id, ticketId);
    if (!conversation) throw new DomainError('TICKET_NOT_FOUND', `Conversation ${ticketId} does not exist.`);
    return conversation;
  };
  const messageOf = async (visitor: VisitorRow, ticketId: string, messageId: string) => {
    const [message] = await loadVisitorMessages(deps.db, visitor.workspace_id, ticketId, messageId);
    if (!message) throw new DomainError('MESSAGE_NOT_FOUND', `Message ${messageId} does not exist.`);
    return message;
  };

  scope.options('/*', { config: { auth }, schema: { hide: true } }, async (_request, reply) =>
    reply
      .header('access-control-allow-methods', 'GET, POST, OPTIONS')
      .header('access-control-allow-headers', 'authorization, content-type')
      .header('access-control-max-age', '600')
      .code(204)
      .send(),
  );

  const r = scope.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/settings',
    {
      config: { auth },
      schema: {
        tags,
        summary: 'Appearance of the messenger (public)',
        querystring: z.object({ workspaceKey: z.string().min(1).max(100) }),
        response: { 200: publicMessengerSettingsSchema },
      },
    },
    async (request, reply) => {
      settingsBudget.take(`s:${request.ip}`, deps.clock.now().getTime());
      const s = await findSettingsByKey(deps.db, request.query.workspaceKey);
      if (!s) throw new DomainError('AUTH_INVALID_CREDENTIALS', 'The workspace key is unknown.');
      return reply.header('cache-control', 'public, max-age=60').send({
        enabled: s.enabled,
        identityRequired: s.identity_required,
        brandColor: s.brand_color,
        greeting: { ko: s.greeting_ko, en: s.greeting_en },
        preChat: { name: s.pre_chat_name, email: s.pre_chat_email },
      });
    },
  );

  r.post(
    '/sessions',
    {
      config: { auth },
      schema: {
        tags,
        summary: 'Start a visitor session',
        description:
          'Anonymous, or an identified user with `hash` = HMAC-SHA256(identity secret, user id) in hex. ' +
          'A hash that does not match answers 401.',
        body: createSessionSchema,
        response: { 201: sessionSchema },
      },
    },
    async (request, reply) => {
      sessionBudget.take(`s:${request.ip}`, deps.clock.now().getTime());
      const session = await deps.db.transaction().execute((trx) => startSession(deps, trx, request.body));
      return reply.code(201).send(session);
    },
  );

  r.get(
    '/conversations',
    {
      config: { auth },
      schema: {
        tags,
        summary: "The visitor's conversations, latest first",
        response: { 200: z.object({ data: z.array(conversationSchema) }) },
      },
    },
    async (request) => {
      const visitor = await visitorOf(request);
      const rows = await listConversationsOfVisitor(deps.db, visitor, 50);
      const data = await Promise.all(rows.map((t) => loadConversation(deps.db, visitor.workspace_id, t.id)));
      return { data: data.filter((c) => c !== null) };
    },
  );

  r.post(
    '/conversations',
    {
      config: { auth },
      schema: {
        tags,
        summary: 'Start a conversation with its first message',
        description:
          'A resend with the same `clientMessageId` answers 200 with the conversation already started.',
        body: startConversationSchema,
        response: {
          200: z.object({ conversation: conversationSchema, message: visitorMessageSchema }),
          201: z.object({ conversation: conversationSchema, message: visitorMessageSchema }),
        },
      },
    },
    async (request, reply) => {
      const visitor = await visitorOf(request);
      const sent = await deps.db
        .transaction()
        .execute((trx) => sendVisitorMessage(deps, trx, visitor, { ...request.body, ticketId: null }));
      const conversation = await conversationOf(visitor, sent.ticketId);
      const message = await messageOf(visitor, sent.ticketId, sent.messageId);
      return reply.code(sent.replayed ? 200 : 201).send({ conversation, message });
    },
  );

  r.get(
    '/conversations/:id',
    {
      config: { auth },
      schema: {
        tags,
        summary: 'One conversation',
        params: conversationParams,
        response: { 200: conversationSchema },
      },
    },
    async (request) => {
      const visitor = await visitorOf(request);
      await ownConversation(visitor, request.params.id);
      return conversationOf(visitor, request.params.id);
    },
  );

  r.get(
    '/conversations/:id/messages',
    {
      config: { auth },
      schema: {
        tags,
        summary: 'Messages of a conversation, oldest first (public messages only)',
        params: conversationParams,
        response: { 200: z.object({ data: z.array(visitorMessageSchema) }) },
      },
    },
    async (request) => {
      const visitor = await visitorOf(request);
      await ownConversation(visitor, request.params.id);
      return { data: await loadVisitorMessages(deps.db, visitor.workspace_id, request.params.id) };
    },
  );

  r.post(
    '/conversations/:id/messages',
    {
      config: { auth },
      schema: {
        tags,
        summary: 'Send a message',
        description: 'Idempotent by `clientMessageId`: a resend answers 200 with the message already stored.',
        params: conversationParams,
        body: sendMessageSchema,
        response: { 200: visitorMessageSchema, 201: visitorMessageSchema },
      },
    },
    async (request, reply) => {
      const visitor = await visitorOf(request);
      const sent = await deps.db
        .transaction()
        .execute((trx) =>
          sendVisitorMessage(deps, trx, visitor, { ...request.body, ticketId: request.params.id }),
        );
      const message = await messageOf(visitor, sent.ticketId, sent.messageId);
      return reply.code(sent.replayed ? 200 : 201).send(message);
    },
  );

  r.post(
    '/conversations/:id/read',
    {
      config: { auth },
      schema: {
        tags,
        summary: 'Read receipt: the visitor has read up to this message',
        params: conversationParams,
        body: readSchema,
      },
    },
    async (request, reply) => {
      const visitor = await visitorOf(request);
      await ownConversation(visitor, request.params.id);
      const at = deps.clock.now();
      const input = {
        workspaceId: visitor.workspace_id,
        ticketId: request.params.id,
        side: 'visitor' as const,
      };
      await deps.db
        .transaction()
        .execute((trx) => markRead(trx, { ...input, messageId: request.body.messageId, at }));
      await publishRead(deps.realtime, {
        conversationId: request.params.id,
        side: 'visitor',
        messageId: request.body.messageId,
        readAt: at.toISOString(),
      });
      return reply.code(204).send();
    },
  );

  r.post(
    '/attachments',
    {
      config: { auth },
      schema: {
        tags,
        summary: 'Upload a file (multipart/form-data, one file)',
        description: 'Pass the returned id in `attachmentIds` of the next message.',
        response: { 201: visitorAttachmentSchema },
      },
    },
    async (request, reply) => {
      const visitor = await visitorOf(request);
      const file = await request.file();
      if (!file)
        throw new DomainError('VALIDATION_FAILED', 'Send one file as multipart/form-data.', {
          errors: [{ pointer: '', message: 'no file' }],
        });
      let content: Buffer;
      try {
        content = await file.toBuffer();
      } catch (error) {
        if (error instanceof scope.multipartErrors.RequestFileTooLargeError) throw tooLarge(maxBytes);
        throw error;
      }
      const filename = sanitizeFilename(file.filename) || 'file';
      const contentType = checkUpload(
        { contentType: file.mimetype, content },
        { maxBytes, allowedTypes: deps.config.attachmentTypes },
      );
      const blob = await deps.attachments.put(content);
      const attachment = await deps.db.transaction().execute((trx) =>
        recordAttachment(deps, trx, visitorActor(visitor, visitor.contact_id), {
          filename,
          contentType,
          ...blob,
        }),
      );
      return reply.code(201).send({
        id: attachment.id,
        filename: attachment.filename,
        contentType: attachment.contentType,
        sizeBytes: attachment.sizeBytes,
      });
    },
  );

  r.get(
    '/conversations/:id/attachments/:attachmentId',
    {
      config: { auth },
      schema: {
        tags,
        summary: 'Download a file of a public message of the conversation',
        params: z.object({ id: idSchema, attachmentId: idSchema }),
      },
    },
    async (request, reply) => {
      const visitor = await visitorOf(request);
      await ownConversation(visitor, request.params.id);
      const row = await findAttachment(deps.db, visitor.workspace_id, request.params.attachmentId);
      const visible =
        row?.message_id &&
        (await loadVisitorMessages(deps.db, visitor.workspace_id, request.params.id, row.message_id)).length >
          0;
      if (!row || !visible) {
        throw new DomainError(
          'ATTACHMENT_NOT_FOUND',
          `Attachment ${request.params.attachmentId} does not exist.`,
        );
      }
      return reply
        .header('content-type', servedContentType(row.content_type))
        .header('content-disposition', contentDisposition(row.filename))
        .header('content-length', String(row.size_bytes))
        .header('x-content-type-options', 'nosniff')
        .header('content-security-policy', "default-src 'none'; sandbox")
        .header('cache-control', 'private, max-age=3600')
        .send(deps.attachments.open(row.sha256));
    },
  );

  const socketVisitors = new WeakMap<FastifyRequest, VisitorRow>();
  scope.get(
    '/socket',
    {
      websocket: true,
      config: { auth },
      schema: { hide: true },
      // Refused before the upgrade: a bad token gets a plain 401, never an open socket.
      preHandler: async (request) => {
        const visitor = await visitorOfToken(
          deps.db,
          socketToken(request.headers['sec-websocket-protocol']),
          tokenPolicy(),
        );
        requestBudget.take(`v:${visitor.id}`, deps.clock.now().getTime());
        socketVisitors.set(request, visitor);
      },
    },
    (socket, request) => {
      const visitor = socketVisitors.get(request);
      if (!visitor) return socket.close(1011, 'no visitor');
      acceptVisitorSocket(deps, socket, visitor, options.socket ?? {});
    },
  );
}

/**
 * Browsers cannot set headers on a WebSocket handshake, and a token in the URL would end up
 * in access logs, so the widget offers two subprotocols: `switchboard.v1` (which the server
 * selects, being first) and the token itself. `Sec-WebSocket-Protocol` is never logged.
 */
export const SOCKET_PROTOCOL = 'switchboard.v1';

function socketToken(header: string | undefined): string {
  const offered = (header ?? '').split(',').map((p) => p.trim());
  const token = offered.find((p) => p.startsWith('sbv_'));
  if (!offered.includes(SOCKET_PROTOCOL) || !token) {
    throw new DomainError(
      'AUTH_REQUIRED',
      `Offer the subprotocols "${SOCKET_PROTOCOL}" and the visitor token (Sec-WebSocket-Protocol).`,
    );
  }
  return token;
}
