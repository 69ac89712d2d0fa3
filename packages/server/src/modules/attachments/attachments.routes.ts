/**
 * Uploading and downloading attachments. An upload is the raw file as the request body (no
 * multipart: one file per request keeps clients and limits simple); the returned id is then
 * passed as `attachmentIds` when creating a ticket or adding a message.
 */
import { attachmentSchema, DomainError, idSchema } from '@switchboard/core';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../http/auth.ts';
import type { Deps } from '../../platform/deps.ts';
import { toAttachmentDto } from '../tickets/tickets.repository.ts';
import { checkUpload, MAX_FILENAME_LENGTH, sanitizeFilename, tooLarge } from './attachment-policy.ts';
import { findAttachment } from './attachments.repository.ts';
import { recordAttachment } from './commands/record-attachment.ts';
import { contentDisposition, servedContentType } from './download-headers.ts';

const tags = ['Attachments'];
const idParams = z.object({ id: idSchema });
const uploadQuery = z.object({
  filename: z
    .string()
    .max(4 * MAX_FILENAME_LENGTH)
    .transform(sanitizeFilename)
    .pipe(z.string().min(1, 'give the file name').max(MAX_FILENAME_LENGTH))
    .describe(
      'The file name to show and to download as; path separators and control characters are removed.',
    ),
});

const notFound = (id: string) => new DomainError('ATTACHMENT_NOT_FOUND', `Attachment ${id} does not exist.`);

export function registerAttachmentRoutes(app: FastifyInstance, deps: Deps): void {
  // A scope of its own: its catch-all raw-bytes parser must not replace JSON parsing elsewhere.
  void app.register(async (scope) => registerUploadRoute(scope, deps));
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/attachments/:id',
    {
      config: { auth: 'light_agent' },
      schema: { tags, summary: 'Attachment metadata', params: idParams, response: { 200: attachmentSchema } },
    },
    async (request) => {
      const actor = actorOf(request);
      const row = await findAttachment(deps.db, actor.workspaceId, request.params.id);
      if (!row) throw notFound(request.params.id);
      return toAttachmentDto(row);
    },
  );

  r.get(
    '/attachments/:id/content',
    {
      config: { auth: 'light_agent' },
      schema: {
        tags,
        summary: 'Download an attachment',
        description:
          'Always served as a download. HTML and SVG come back as application/octet-stream. ' +
          'The ETag is the sha256 of the content, which never changes.',
        params: idParams,
        response: {
          200: z.unknown().describe('The file bytes.'),
          304: z.null().describe('Not modified: the If-None-Match ETag is current.'),
        },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const row = await findAttachment(deps.db, actor.workspaceId, request.params.id);
      if (!row) throw notFound(request.params.id);
      const etag = `"${row.sha256}"`;
      reply
        .header('etag', etag)
        .header('cache-control', 'private, max-age=31536000, immutable')
        .header('x-content-type-options', 'nosniff');
      const ifNoneMatch = request.headers['if-none-match'];
      if (ifNoneMatch?.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag)) {
        return reply.code(304).send(null);
      }
      if (!(await deps.attachments.has(row.sha256))) {
        throw new Error(`attachment ${row.id}: blob ${row.sha256} is missing from the store`);
      }
      return reply
        .header('content-type', servedContentType(row.content_type))
        .header('content-disposition', contentDisposition(row.filename))
        .header('content-length', String(row.size_bytes))
        .header('content-security-policy', "default-src 'none'; sandbox")
        .send(deps.attachments.open(row.sha256));
    },
  );
}

async function registerUploadRoute(scope: FastifyInstance, deps: Deps): Promise<void> {
  const maxBytes = deps.config.SWITCHBOARD_ATTACHMENT_MAX_BYTES;
  scope.removeAllContentTypeParsers();
  scope.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: maxBytes }, (_request, body, done) =>
    done(null, body),
  );
  const r = scope.withTypeProvider<ZodTypeProvider>();
  r.post(
    '/attachments',
    {
      config: { auth: 'light_agent' },
      // Refuse a declared oversize body before reading it, with the attachment-specific code;
      // a chunked body that runs past the limit is cut off by the parser (REQUEST_TOO_LARGE).
      preParsing: async (request, _reply, payload) => {
        if (Number(request.headers['content-length']) > maxBytes) throw tooLarge(maxBytes);
        return payload;
      },
      schema: {
        tags,
        summary: 'Upload a file',
        description:
          'Send the raw bytes as the body with the file’s `Content-Type`; pass the returned id in ' +
          '`attachmentIds` of a new ticket or message. Size and media types are limited by the server ' +
          'configuration (413 ATTACHMENT_TOO_LARGE, 415 ATTACHMENT_TYPE_NOT_ALLOWED).',
        querystring: uploadQuery,
        response: { 201: attachmentSchema },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const content = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
      const contentType = checkUpload(
        { contentType: request.headers['content-type'], content },
        { maxBytes, allowedTypes: deps.config.attachmentTypes },
      );
      const blob = await deps.attachments.put(content);
      const attachment = await deps.db
        .transaction()
        .execute((trx) =>
          recordAttachment(deps, trx, actor, { filename: request.query.filename, contentType, ...blob }),
        );
      return reply.code(201).header('location', `/api/v1/attachments/${attachment.id}`).send(attachment);
    },
  );
}
