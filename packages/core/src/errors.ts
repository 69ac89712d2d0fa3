/**
 * Domain errors. Every failure a caller may see carries a stable `code` from this closed
 * union; codes are public API (docs/errors.md lists them, a test keeps the two in step),
 * so a code is never renamed or reused. The HTTP status for each code lives in the
 * server's error table, not here: the domain knows nothing about HTTP.
 */
export const errorCodes = [
  'REQUEST_MALFORMED',
  'REQUEST_TOO_LARGE',
  'REQUEST_MEDIA_TYPE_UNSUPPORTED',
  'VALIDATION_FAILED',
  'ROUTE_NOT_FOUND',
  'AUTH_REQUIRED',
  'AUTH_INVALID_CREDENTIALS',
  'AUTH_SESSION_EXPIRED',
  'AUTH_CSRF_INVALID',
  'AUTH_FORBIDDEN',
  'RATE_LIMITED',
  'IDEMPOTENCY_KEY_REUSED',
  'IDEMPOTENCY_KEY_IN_PROGRESS',
  'TICKET_NOT_FOUND',
  'TICKET_STATUS_TRANSITION_INVALID',
  'TICKET_VERSION_MISMATCH',
  'TICKET_CLOSED',
  'TICKET_MERGE_INVALID',
  'TICKET_LINK_INVALID',
  'MESSAGE_NOT_FOUND',
  'CONTACT_NOT_FOUND',
  'CONTACT_IDENTITY_TAKEN',
  'CONTACT_HAS_TICKETS',
  'ORGANIZATION_NOT_FOUND',
  'ORGANIZATION_DOMAIN_TAKEN',
  'USER_NOT_FOUND',
  'USER_EMAIL_TAKEN',
  'USER_LAST_OWNER',
  'TEAM_NOT_FOUND',
  'TEAM_NAME_TAKEN',
  'CUSTOM_FIELD_NOT_FOUND',
  'CUSTOM_FIELD_KEY_TAKEN',
  'ATTACHMENT_NOT_FOUND',
  'ATTACHMENT_TOO_LARGE',
  'ATTACHMENT_TYPE_NOT_ALLOWED',
  'API_TOKEN_NOT_FOUND',
  'RULE_NOT_FOUND',
  'RULE_SET_NOT_FOUND',
  'RULE_CYCLE_DETECTED',
  'MACRO_NOT_FOUND',
  'CANNED_RESPONSE_NOT_FOUND',
  'SLA_POLICY_NOT_FOUND',
  'CALENDAR_NOT_FOUND',
  'CALENDAR_IN_USE',
  'WEBHOOK_NOT_FOUND',
  'JOB_NOT_FOUND',
  'WEBHOOK_IN_USE',
  'MAILBOX_NOT_FOUND',
  'MAILBOX_ADDRESS_TAKEN',
  'INBOUND_EMAIL_NOT_FOUND',
  'INBOUND_EMAIL_NOT_RETRYABLE',
  'EMAIL_ORIGINAL_NOT_FOUND',
  'CHANNEL_NOT_FOUND',
  'CHANNEL_DISABLED',
  'CHANNEL_IN_USE',
  'DATABASE_LOCALE_UNSUPPORTED',
  'MIGRATION_CHECKSUM_MISMATCH',
  'SERVICE_UNAVAILABLE',
  'INTERNAL_ERROR',
] as const;

export type ErrorCode = (typeof errorCodes)[number];

/** One invalid input, located by an RFC 6901 JSON pointer into the request (`/customFields/orderId`). */
export type FieldError = { pointer: string; message: string };

export type DomainErrorDetails = {
  /** Per-field problems, for VALIDATION_FAILED and friends. */
  errors?: FieldError[];
  [key: string]: unknown;
};

export class DomainError extends Error {
  readonly code: ErrorCode;
  readonly details: DomainErrorDetails;

  constructor(
    code: ErrorCode,
    message: string,
    details: DomainErrorDetails = {},
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'DomainError';
    this.code = code;
    this.details = details;
  }
}

export function isDomainError(value: unknown, code?: ErrorCode): value is DomainError {
  return value instanceof DomainError && (code === undefined || value.code === code);
}

/** A validation failure for the given fields; `message` sums them up for logs and `detail`. */
export function validationError(
  errors: FieldError[],
  message = 'The request has invalid fields.',
): DomainError {
  return new DomainError('VALIDATION_FAILED', message, { errors });
}
