/**
 * HTTP routes of inbound email: mailboxes (admin), the inbound log and its retry (admin),
 * the original .eml of a message (agent), and the raw MIME webhook (bearer: the mailbox's
 * inbound secret), which answers once the mail is committed.
 */
import { timingSafeEqual } from 'node:crypto';
import { DomainError, idSchema, pageSchema, paginationQuerySchema, timestampSchema } from '@switchboard/core';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../http/auth.ts';
import type { Deps } from '../../platform/deps.ts';
import {
  findInboundEmail,
  findInboundOfMessage,
  type InboundEmailRow,
  listInboundEmails,
} from './inbound-emails.repository.ts';
import { ingestRawEmail, retryInboundEmail } from './ingest-raw-email.ts';
import { findMailbox, findMailboxById, listMailboxes } from './mailboxes.repository.ts';
import {
  createMailbox,
  createMailboxSchema,
  deleteMailbox,
  hashInboundSecret,
  mailboxSchema,
  mailboxWithSecretSchema,
  notFound,
  rotateInboundSecret,
  toMailboxDto,
  updateMailbox,
  updateMailboxSchema,
} from './mailboxes.ts';

const tags = ['Email'];
const idParams = z.object({ id: idSchema });
const statusSchema = z.enum(['stored', 'duplicate', 'ignored', 'failed']);

const inboundEmailSchema = z.object({
  id: idSchema,
  mailboxId: idSchema.nullable(),
  source: z.enum(['smtp', 'imap', 'webhook']),
  messageIdHeader: z.string(),
  fromAddress: z.string().nullable(),
  subject: z.string(),
  recipients: z.array(z.string()),
  sizeBytes: z.number().int(),
  classification: z.enum(['normal', 'auto_reply', 'bounce', 'bulk']).nullable(),
  status: statusSchema,
  reason: z.string().nullable(),
  error: z.string().nullable(),
  ticketId: idSchema.nullable(),
  messageId: idSchema.nullable(),
  attempts: z.number().int(),
  receivedAt: timestampSchema,
  processedAt: timestampSchema.nullable(),
});

const ingestResultSchema = z.object({
  status: statusSchema,
  inboundId: idSchema,
  ticketId: idSchema.nullable(),
  messageId: idSchema.nullable(),
});

function toInboundDto(row: InboundEmailRow): z.infer<typeof inboundEmailSchema> {
  return {
    id: row.id,
    mailboxId: row.mailbox_id,
    source: row.source,
    messageIdHeader: row.message_id_header,
    fromAddress: row.from_address,
    subject: row.subject,
    recipients: row.recipients,
    sizeBytes: Number(row.raw_size_bytes),
    classification: row.classification,
    status: row.status,
    reason: row.reason,
    error: row.error,
    ticketId: row.ticket_id,
    messageId: row.message_id,
    attempts: row.attempts,
    receivedAt: row.received_at.toISOString(),
    processedAt: row.processed_at?.toISOString() ?? null,
  };
}

export function registerEmailRoutes(app: FastifyInstance, deps: Deps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const publicUrl = deps.config.publicUrl;

  r.get(
    '/mailboxes',
    {
      config: { auth: 'admin' },
      schema: {
        tags,
        summary: 'List mailboxes',
        response: { 200: z.object({ data: z.array(mailboxSchema) }) },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const rows = await listMailboxes(deps.db, actor.workspaceId);
      return { data: rows.map((m) => toMailboxDto(m, publicUrl)) };
    },
  );

  r.post(
    '/mailboxes',
    {
      config: { auth: 'admin' },
      schema: {
        tags,
        summary: 'Create a mailbox',
        description:
          'The address must be unique across the server. The answer carries `inboundSecret` once; an IMAP ' +
          'password needs SWITCHBOARD_SECRET_KEY and is never returned.',
        body: createMailboxSchema,
        response: { 201: mailboxWithSecretSchema },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const { row, inboundSecret } = await deps.db
        .transaction()
        .execute((trx) => createMailbox(deps, trx, actor, request.body));
      return reply
        .code(201)
        .header('location', `/api/v1/mailboxes/${row.id}`)
        .send({ ...toMailboxDto(row, publicUrl), inboundSecret });
    },
  );

  r.get(
    '/mailboxes/:id',
    {
      config: { auth: 'admin' },
      schema: { tags, summary: 'Get a mailbox', params: idParams, response: { 200: mailboxSchema } },
    },
    async (request) => {
      const actor = actorOf(request);
      const row = await findMailbox(deps.db, actor.workspaceId, request.params.id);
      if (!row) throw notFound(request.params.id);
      return toMailboxDto(row, publicUrl);
    },
  );

  r.patch(
    '/mailboxes/:id',
    {
      config: { auth: 'admin' },
      schema: {
        tags,
        summary: 'Change a mailbox',
        params: idParams,
        body: updateMailboxSchema,
        response: { 200: mailboxSchema },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const row = await deps.db
        .transaction()
        .execute((trx) => updateMailbox(deps, trx, actor, request.params.id, request.body));
      return toMailboxDto(row, publicUrl);
    },
  );

  r.post(
    '/mailboxes/:id/rotate-inbound-secret',
    {
      config: { auth: 'admin' },
      schema: {
        tags,
        summary: 'Replace the inbound webhook secret',
        description: 'The old secret stops working at once; the new one is shown only in this answer.',
        params: idParams,
        response: { 200: mailboxWithSecretSchema },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const { row, inboundSecret } = await deps.db
        .transaction()
        .execute((trx) => rotateInboundSecret(deps, trx, actor, request.params.id));
      return { ...toMailboxDto(row, publicUrl), inboundSecret };
    },
  );

  r.delete(
    '/mailboxes/:id',
    {
      config: { auth: 'admin' },
      schema: { tags, summary: 'Delete a mailbox', params: idParams, response: { 204: z.null() } },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      await deps.db.transaction().execute((trx) => deleteMailbox(deps, trx, actor, request.params.id));
      return reply.code(204).send(null);
    },
  );

  r.get(
    '/inbound-emails',
    {
      config: { auth: 'admin' },
      schema: {
        tags,
        summary: 'List inbound emails',
        description: 'Every mail handed to us, newest first, with what became of it. Filter by `status`.',
        querystring: paginationQuerySchema.extend({ status: statusSchema.optional() }),
        response: { 200: pageSchema(inboundEmailSchema) },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const page = await listInboundEmails(deps.db, actor.workspaceId, request.query);
      if (!page) {
        throw new DomainError('VALIDATION_FAILED', 'The cursor does not belong to this list.', {
          errors: [{ pointer: '', message: 'invalid cursor' }],
        });
      }
      return { data: page.rows.map(toInboundDto), nextCursor: page.nextCursor };
    },
  );

  r.get(
    '/inbound-emails/:id',
    {
      config: { auth: 'admin' },
      schema: {
        tags,
        summary: 'Get an inbound email',
        params: idParams,
        response: { 200: inboundEmailSchema },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const row = await findInboundEmail(deps.db, actor.workspaceId, request.params.id);
      if (!row)
        throw new DomainError(
          'INBOUND_EMAIL_NOT_FOUND',
          `Inbound email ${request.params.id} does not exist.`,
        );
      return toInboundDto(row);
    },
  );

  r.post(
    '/inbound-emails/:id/retry',
    {
      config: { auth: 'admin' },
      schema: {
        tags,
        summary: 'Process a failed or ignored inbound email again',
        description:
          'Reads the kept raw mail and runs the whole pipeline again (the sender rate limit is skipped).',
        params: idParams,
        response: { 200: ingestResultSchema },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      return retryInboundEmail(deps, actor.workspaceId, request.params.id);
    },
  );

  r.get(
    '/messages/:id/original',
    {
      config: { auth: 'agent' },
      schema: {
        tags,
        summary: 'Download the original email of a message',
        description: 'The raw mail as received (message/rfc822), for messages that arrived by email.',
        params: idParams,
        response: { 200: z.unknown().describe('The .eml bytes.') },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const row = await findInboundOfMessage(deps.db, actor.workspaceId, request.params.id);
      if (!row || !(await deps.attachments.has(row.raw_sha256))) {
        throw new DomainError(
          'EMAIL_ORIGINAL_NOT_FOUND',
          `Message ${request.params.id} has no original email.`,
        );
      }
      return reply
        .header('content-type', 'message/rfc822')
        .header('content-disposition', `attachment; filename="message-${row.message_id ?? row.id}.eml"`)
        .header('content-length', String(row.raw_size_bytes))
        .header('x-content-type-options', 'nosniff')
        .header('content-security-policy', "default-src 'none'; sandbox")
        .send(deps.attachments.open(row.raw_sha256));
    },
  );

  // A scope of its own: its raw-bytes parser must not touch JSON parsing elsewhere.
  void app.register(async (scope) => registerInboundWebhook(scope, deps));
}

async function registerInboundWebhook(scope: FastifyInstance, deps: Deps): Promise<void> {
  const maxBytes = deps.config.SWITCHBOARD_EMAIL_MAX_BYTES;
  // Only raw MIME: JSON or form bodies are refused with 415.
  scope.removeAllContentTypeParsers();
  scope.addContentTypeParser(
    'message/rfc822',
    { parseAs: 'buffer', bodyLimit: maxBytes },
    (_request, body, done) => done(null, body),
  );
  const r = scope.withTypeProvider<ZodTypeProvider>();
  r.post(
    '/mailboxes/:id/inbound',
    {
      // Not an agent credential: the bearer token is the mailbox's inbound secret, checked below.
      config: { auth: 'public' },
      preParsing: async (request, _reply, payload) => {
        if (Number(request.headers['content-length']) > maxBytes) {
          throw new DomainError('REQUEST_TOO_LARGE', `An inbound email may be at most ${maxBytes} bytes.`, {
            maxBytes,
          });
        }
        return payload;
      },
      schema: {
        tags,
        summary: 'Deliver a raw email (webhook)',
        description:
          'For mail services that forward raw MIME: send the mail as the body with `Content-Type: message/rfc822` ' +
          'and `Authorization: Bearer <inbound secret of the mailbox>`. Answers when the mail is committed; ' +
          'the same Message-ID twice is stored once (`status: duplicate`).',
        params: idParams,
        response: { 200: ingestResultSchema },
      },
    },
    async (request) => {
      const mailbox = await findMailboxById(deps.db, request.params.id);
      const token = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '')?.[1] ?? '';
      const given = Buffer.from(hashInboundSecret(token), 'hex');
      // Compared even for an unknown mailbox, so the answer time does not tell which ids exist.
      const expected = Buffer.from(mailbox?.inbound_secret_hash ?? '0'.repeat(64), 'hex');
      if (!mailbox || token === '' || !timingSafeEqual(given, expected)) {
        throw new DomainError(
          'AUTH_INVALID_CREDENTIALS',
          'Send the mailbox inbound secret as "Authorization: Bearer <secret>".',
        );
      }
      const raw = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
      if (raw.length === 0) {
        throw new DomainError('VALIDATION_FAILED', 'The body must be the raw email (message/rfc822).', {
          errors: [{ pointer: '', message: 'empty body' }],
        });
      }
      return ingestRawEmail(deps, {
        workspaceId: mailbox.workspace_id,
        raw,
        source: 'webhook',
        recipients: [mailbox.address],
        mailboxId: mailbox.id,
      });
    },
  );
}
