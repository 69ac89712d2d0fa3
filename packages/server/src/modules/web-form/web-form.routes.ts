/**
 * The public contact form: GET /support/{workspace slug}/contact renders it, POST opens a
 * ticket on channel 'web' and answers with a thank-you page carrying the ticket number.
 * Korean or English by `?lang=` or Accept-Language. Spam protection: a honeypot field
 * (filled: pretend success, store nothing, count it), a signed timestamp (under 2 s or
 * over a day: refused with a friendly message) and a per-address hourly limit.
 */
import fastifyFormbody from '@fastify/formbody';
import fastifyMultipart from '@fastify/multipart';
import {
  chooseWebFormLanguage,
  isDomainError,
  validateWebForm,
  type WebFormFields,
  type WebFormLanguage,
  webFormText,
} from '@switchboard/core';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { systemActor } from '../../platform/actor.ts';
import type { Deps } from '../../platform/deps.ts';
import type { Metrics } from '../../platform/metrics.ts';
import { checkUpload, sanitizeFilename } from '../attachments/attachment-policy.ts';
import type { StoredUpload } from '../attachments/commands/record-attachment.ts';
import { type ChannelRow, findChannel, listChannels } from '../channels/channels.repository.ts';
import { findWorkspaceBySlug } from '../workspaces/workspaces.repository.ts';
import { submitWebForm } from './commands/submit-web-form.ts';
import { checkFormToken, issueFormToken } from './form-token.ts';
import { createSubmissionLimiter } from './submission-limiter.ts';
import {
  contentSecurityPolicy,
  type FormField,
  renderFormPage,
  renderMessagePage,
} from './web-form-pages.ts';

export const MAX_FORM_FILES = 5;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

type Params = { slug: string };
type Query = { lang?: string; form?: string };
type UploadedFile = { filename: string; contentType: string; content: Buffer };
type Submission = {
  fields: Record<string, string>;
  files: UploadedFile[];
  fileProblem: 'too_large' | 'too_many' | null;
};

export function registerWebFormRoutes(app: FastifyInstance, deps: Deps, metrics: Metrics): void {
  // A scope of its own, so the form parsers never apply to the JSON API.
  void app.register(async (scope) => registerInScope(scope, deps, metrics));
}

async function registerInScope(scope: FastifyInstance, deps: Deps, metrics: Metrics): Promise<void> {
  const maxFileBytes = Math.min(
    deps.config.SWITCHBOARD_WEB_FORM_MAX_FILE_BYTES,
    deps.config.SWITCHBOARD_ATTACHMENT_MAX_BYTES,
  );
  const maxFileMegabytes = Math.max(1, Math.floor(maxFileBytes / (1024 * 1024)));
  const limiter = createSubmissionLimiter(deps.config.SWITCHBOARD_WEB_FORM_SUBMISSIONS_PER_HOUR);
  // Room for a 20,000-character Korean message (3 bytes a syllable, 9 once URL-encoded): a longer
  // one reaches validation and is refused next to its field instead of being cut short.
  await scope.register(fastifyFormbody, { bodyLimit: 512 * 1024 });
  await scope.register(fastifyMultipart, {
    throwFileSizeLimit: false,
    limits: { fileSize: maxFileBytes, files: MAX_FORM_FILES, fields: 20, fieldSize: 256 * 1024, parts: 30 },
  });

  const sendHtml = (reply: FastifyReply, status: number, html: string) =>
    reply
      .code(status)
      .header('content-type', 'text/html; charset=utf-8')
      .header('content-security-policy', contentSecurityPolicy)
      .header('x-content-type-options', 'nosniff')
      .header('referrer-policy', 'same-origin')
      .header('cache-control', 'no-store')
      .send(html);

  /** The workspace and its form, or the "not available" page already sent. */
  const resolve = async (
    request: FastifyRequest<{ Params: Params; Querystring: Query }>,
    reply: FastifyReply,
  ) => {
    const lang = chooseWebFormLanguage(request.query.lang, request.headers['accept-language']);
    const text = webFormText[lang];
    const workspace = await findWorkspaceBySlug(deps.db, request.params.slug);
    let channel: ChannelRow | undefined;
    if (workspace) {
      const formId = request.query.form;
      channel =
        formId !== undefined
          ? UUID.test(formId)
            ? await findChannel(deps.db, workspace.id, formId)
            : undefined
          : (await listChannels(deps.db, workspace.id, { kind: 'web_form', enabledOnly: true }))[0];
    }
    if (!workspace || !channel || channel.kind !== 'web_form' || !channel.enabled) {
      await sendHtml(
        reply,
        404,
        renderMessagePage({
          lang,
          title: text.title,
          message: text.unavailable,
          description: text.description,
          role: 'alert',
        }),
      );
      return null;
    }
    return { lang, text, workspace, channel };
  };

  const formPage = (
    ctx: NonNullable<Awaited<ReturnType<typeof resolve>>>,
    request: FastifyRequest<{ Params: Params; Querystring: Query }>,
    state: { values?: WebFormFields; errors?: Partial<Record<FormField, string>>; notice?: string },
  ) => {
    const query = new URLSearchParams({ lang: ctx.lang });
    if (request.query.form) query.set('form', ctx.channel.id);
    const path = `/support/${encodeURIComponent(ctx.workspace.slug)}/contact`;
    const title = ctx.channel.settings.title;
    return renderFormPage({
      lang: ctx.lang,
      text: ctx.text,
      workspaceName: ctx.workspace.name,
      heading: typeof title === 'string' && title.trim() !== '' ? title : ctx.text.title,
      action: `${path}?${query}`,
      canonicalUrl: `${deps.config.publicUrl}${path}?lang=${ctx.lang}`,
      token: issueFormToken(ctx.channel.secret, ctx.channel.id, deps.clock.now().getTime()),
      values: state.values ?? { name: '', email: '', subject: '', message: '' },
      errors: state.errors ?? {},
      notice: state.notice,
      maxFiles: MAX_FORM_FILES,
      maxFileMegabytes,
    });
  };

  scope.get<{ Params: Params; Querystring: Query }>(
    '/support/:slug/contact',
    { config: { auth: 'public' }, schema: { hide: true } },
    async (request, reply) => {
      const ctx = await resolve(request, reply);
      if (!ctx) return reply;
      return sendHtml(reply.header('vary', 'accept-language'), 200, formPage(ctx, request, {}));
    },
  );

  scope.post<{ Params: Params; Querystring: Query }>(
    '/support/:slug/contact',
    { config: { auth: 'public' }, schema: { hide: true } },
    async (request, reply) => {
      const ctx = await resolve(request, reply);
      if (!ctx) return reply;
      const { text, lang } = ctx;
      const nowMs = deps.clock.now().getTime();
      if (!limiter.tryTake(`${ctx.workspace.id}:${request.ip}`, nowMs)) {
        metrics.webFormRejected.labels('rate_limited').inc();
        return sendHtml(
          reply.header('retry-after', String(3600 - Math.floor((nowMs % 3600_000) / 1000))),
          429,
          renderMessagePage({
            lang,
            title: text.title,
            message: text.rateLimited,
            description: text.description,
            role: 'alert',
          }),
        );
      }
      const submission = await readSubmission(scope, request);
      const values: WebFormFields = {
        name: submission.fields.name ?? '',
        email: submission.fields.email ?? '',
        subject: submission.fields.subject ?? '',
        message: submission.fields.message ?? '',
      };
      if ((submission.fields.website ?? '').trim() !== '') {
        metrics.webFormRejected.labels('honeypot').inc();
        request.log.info({ ip: request.ip }, 'contact form honeypot filled; nothing stored');
        return sendHtml(reply, 200, thanksPage(lang, ctx.workspace.name, null));
      }
      const token = checkFormToken(submission.fields.token ?? '', ctx.channel.secret, ctx.channel.id, nowMs);
      if (token !== 'ok') {
        metrics.webFormRejected.labels(token).inc();
        const notice = token === 'too_fast' ? text.tooFast : text.expired;
        return sendHtml(reply, 422, formPage(ctx, request, { values, notice }));
      }
      const errors: Partial<Record<FormField, string>> = validateWebForm(values, text);
      const files: UploadedFile[] = [];
      if (submission.fileProblem === 'too_large') errors.files = text.fileTooLarge(maxFileMegabytes);
      else if (submission.fileProblem === 'too_many') errors.files = text.tooManyFiles(MAX_FORM_FILES);
      for (const file of submission.files) {
        try {
          const contentType = checkUpload(file, {
            maxBytes: maxFileBytes,
            allowedTypes: deps.config.attachmentTypes,
          });
          files.push({ ...file, contentType });
        } catch (error) {
          if (!isDomainError(error)) throw error;
          errors.files ??=
            error.code === 'ATTACHMENT_TOO_LARGE'
              ? text.fileTooLarge(maxFileMegabytes)
              : text.fileTypeNotAllowed;
        }
      }
      if (Object.keys(errors).length > 0)
        return sendHtml(reply, 422, formPage(ctx, request, { values, errors }));

      // Blobs are written before the transaction opens: no disk IO while holding it.
      const stored: StoredUpload[] = [];
      for (const file of files) {
        const blob = await deps.attachments.put(file.content);
        stored.push({ filename: file.filename, contentType: file.contentType, ...blob });
      }
      const actor = systemActor(ctx.workspace.id, 'web');
      const ticket = await deps.db.transaction().execute((trx) =>
        submitWebForm(deps, trx, actor, {
          channelId: ctx.channel.id,
          fields: values,
          language: lang,
          files: stored,
        }),
      );
      metrics.ticketsCreated.labels('web').inc();
      return sendHtml(reply, 200, thanksPage(lang, ctx.workspace.name, ticket.number));
    },
  );
}

function thanksPage(lang: WebFormLanguage, workspaceName: string, ticketNumber: number | null): string {
  const text = webFormText[lang];
  return renderMessagePage({
    lang,
    title: text.thanksTitle,
    workspaceName,
    message: ticketNumber === null ? text.thanksNoNumber : text.thanks(String(ticketNumber)),
    description: text.description,
  });
}

/** The form's fields and files, multipart (with files) or URL-encoded. */
async function readSubmission(scope: FastifyInstance, request: FastifyRequest): Promise<Submission> {
  const submission: Submission = { fields: {}, files: [], fileProblem: null };
  if (!request.isMultipart()) {
    const body = (request.body ?? {}) as Record<string, unknown>;
    for (const [key, value] of Object.entries(body)) {
      if (typeof value === 'string') submission.fields[key] = value;
    }
    return submission;
  }
  try {
    for await (const part of request.parts()) {
      if (part.type === 'field') {
        if (typeof part.value === 'string') submission.fields[part.fieldname] = part.value;
        continue;
      }
      const content = await part.toBuffer();
      if (part.file.truncated) submission.fileProblem = 'too_large';
      // A file input left empty still sends a part with no name and no bytes.
      else if (part.filename && content.length > 0) {
        submission.files.push({
          filename: sanitizeFilename(part.filename) || 'file',
          contentType: part.mimetype,
          content,
        });
      }
    }
  } catch (error) {
    if (!(error instanceof scope.multipartErrors.FilesLimitError)) throw error;
    submission.fileProblem = 'too_many';
  }
  return submission;
}
