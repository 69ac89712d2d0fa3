/**
 * The one way the app talks to the server: same-origin fetch with the session cookie, the
 * CSRF token echoed on every write, and problem+json answers turned into typed ApiErrors.
 */

export type FieldError = { pointer?: string; parameter?: string; message: string };

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly errors: FieldError[];
  constructor(input: { status: number; code: string; detail: string; errors?: FieldError[] }) {
    super(input.detail);
    this.name = 'ApiError';
    this.status = input.status;
    this.code = input.code;
    this.errors = input.errors ?? [];
  }
}

const CSRF_COOKIE = 'sb_csrf';
const SAFE_METHODS = new Set(['GET', 'HEAD']);

/** The sign-in answer also sets it as a readable cookie, so it survives a reload. */
export function readCsrfToken(): string | null {
  for (const part of document.cookie.split(';')) {
    const [name, ...rest] = part.trim().split('=');
    if (name === CSRF_COOKIE) return decodeURIComponent(rest.join('='));
  }
  return null;
}

export type ApiResponse<T> = { body: T; etag: string | null };

type RequestOptions = { method?: string; body?: unknown; headers?: Record<string, string> };

export async function apiRequest<T>(path: string, options: RequestOptions = {}): Promise<ApiResponse<T>> {
  const method = options.method ?? 'GET';
  const headers: Record<string, string> = { accept: 'application/json', ...options.headers };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (!SAFE_METHODS.has(method)) {
    const csrf = readCsrfToken();
    if (csrf) headers['x-csrf-token'] = csrf;
  }
  let response: Response;
  try {
    response = await fetch(`/api/v1${path}`, {
      method,
      headers,
      credentials: 'same-origin',
      ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
    });
  } catch {
    throw new ApiError({ status: 0, code: 'NETWORK_FAILED', detail: 'The server could not be reached.' });
  }
  if (!response.ok) throw await toApiError(response);
  const body = response.status === 204 ? (undefined as T) : ((await response.json()) as T);
  return { body, etag: response.headers.get('etag') };
}

export async function api<T>(path: string, options: RequestOptions = {}): Promise<T> {
  return (await apiRequest<T>(path, options)).body;
}

async function toApiError(response: Response): Promise<ApiError> {
  const problem = (await response.json().catch(() => null)) as {
    code?: string;
    detail?: string;
    errors?: FieldError[];
  } | null;
  return new ApiError({
    status: response.status,
    code: problem?.code ?? `HTTP_${response.status}`,
    detail: problem?.detail ?? response.statusText,
    ...(problem?.errors ? { errors: problem.errors } : {}),
  });
}
