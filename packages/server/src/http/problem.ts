/**
 * One error handler: every failure leaves as application/problem+json (RFC 9457) with our
 * stable `code`, and validation failures list each invalid field. 5xx bodies stay generic;
 * the full error chain is logged with the request id.
 */
import { DomainError, type ErrorCode } from '@switchboard/core';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { errorTable } from './error-table.ts';
import { RequestValidationError } from './validation.ts';

export type WireFieldError = { pointer?: string; parameter?: string; message: string };

export function problemType(code: ErrorCode): string {
  return `/docs/errors#${code.toLowerCase().replace(/_/g, '-')}`;
}

export function sendProblem(
  reply: FastifyReply,
  request: FastifyRequest,
  error: { code: ErrorCode; detail: string; errors?: WireFieldError[]; extra?: Record<string, unknown> },
): FastifyReply {
  const { status, title } = errorTable[error.code];
  return reply
    .code(status)
    .type('application/problem+json')
    .send({
      type: problemType(error.code),
      title,
      status,
      detail: error.detail,
      instance: request.id,
      code: error.code,
      ...(error.errors ? { errors: error.errors } : {}),
      ...error.extra,
    });
}

/** `a/b~c` → `/a~1b~0c` (RFC 6901). */
export function toPointer(path: readonly PropertyKey[]): string {
  return path.map((p) => `/${String(p).replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');
}

function fieldErrorsFromValidation(error: RequestValidationError): WireFieldError[] {
  const context = error.validationContext ?? 'body';
  return error.issues.map(({ path, message }) => {
    if (context === 'body') return { pointer: toPointer(path), message };
    // Name the parameter as it appears in the URL (`status`, not `status.0` for one item of a list).
    return { parameter: path.length > 0 ? String(path[0]) : context, message };
  });
}

const fastifyCodeMap: Record<string, ErrorCode> = {
  FST_ERR_CTP_INVALID_JSON_BODY: 'REQUEST_MALFORMED',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'REQUEST_MALFORMED',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'REQUEST_MALFORMED',
  FST_ERR_CTP_BODY_TOO_LARGE: 'REQUEST_TOO_LARGE',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'REQUEST_MEDIA_TYPE_UNSUPPORTED',
  FST_ERR_CTP_INVALID_TYPE: 'REQUEST_MEDIA_TYPE_UNSUPPORTED',
};

export function installErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError | RequestValidationError, request, reply) => {
    if (error instanceof DomainError) {
      const { status } = errorTable[error.code];
      if (status >= 500) request.log.error({ err: error }, 'domain error');
      const { errors, ...extra } = error.details;
      return sendProblem(reply, request, {
        code: error.code,
        detail: status >= 500 ? 'The server failed to handle the request.' : error.message,
        ...(errors ? { errors } : {}),
        extra: status >= 500 ? {} : extra,
      });
    }
    if (error instanceof RequestValidationError) {
      const errors = fieldErrorsFromValidation(error);
      return sendProblem(reply, request, {
        code: 'VALIDATION_FAILED',
        detail: errors.map((e) => `${e.pointer ?? e.parameter}: ${e.message}`).join('; '),
        errors,
      });
    }
    const mapped = error.code ? fastifyCodeMap[error.code] : undefined;
    if (mapped) return sendProblem(reply, request, { code: mapped, detail: error.message });
    if (error.statusCode === 429) {
      return sendProblem(reply, request, { code: 'RATE_LIMITED', detail: error.message });
    }
    if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
      request.log.warn({ err: error }, 'unmapped client error');
      return sendProblem(reply, request, { code: 'REQUEST_MALFORMED', detail: error.message });
    }
    request.log.error({ err: error }, 'unhandled error');
    return sendProblem(reply, request, {
      code: 'INTERNAL_ERROR',
      detail: 'The server failed to handle the request.',
    });
  });
  app.setNotFoundHandler((request, reply) =>
    sendProblem(reply, request, {
      code: 'ROUTE_NOT_FOUND',
      detail: `${request.method} ${request.url} does not exist.`,
    }),
  );
}
