/**
 * The visitor API over fetch. Failures come back as ApiError with the problem's code and a
 * `retryable` flag: network failures, 5xx and 429 are worth sending again (with the same
 * clientMessageId); other 4xx are not.
 */
import type { Attachment, Conversation, Identity, Message, PublicSettings, Visitor } from './types.ts';

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly retryable: boolean;

  constructor(status: number, code: string, message: string) {
    super(message);
    this.status = status;
    this.code = code;
    this.retryable = status === 0 || status === 429 || status >= 500;
  }
}

export type Api = ReturnType<typeof createApi>;

export function createApi(base: string, workspaceKey: string) {
  const root = `${base}/messenger/v1`;
  let token: string | null = null;

  async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const headers: Record<string, string> = {};
    if (token) headers.authorization = `Bearer ${token}`;
    let payload: BodyInit | undefined;
    if (body instanceof FormData) payload = body;
    else if (body !== undefined) {
      headers['content-type'] = 'application/json';
      payload = JSON.stringify(body);
    }
    let response: Response;
    try {
      response = await fetch(root + path, { method, headers, body: payload ?? null });
    } catch (error) {
      throw new ApiError(0, 'NETWORK', String(error));
    }
    if (response.status === 204) return undefined as T;
    const data = await response.json().catch(() => ({}));
    if (!response.ok)
      throw new ApiError(response.status, data.code ?? 'UNKNOWN', data.detail ?? response.statusText);
    return data as T;
  }

  return {
    setToken(value: string | null) {
      token = value;
    },
    socketUrl: () => `${root.replace(/^http/, 'ws')}/socket`,
    /** The token rides as a subprotocol: never in a URL (access logs), and browsers allow no headers. */
    socketProtocols: () => ['switchboard.v1', token ?? ''],
    settings: () => call<PublicSettings>('GET', `/settings?workspaceKey=${encodeURIComponent(workspaceKey)}`),
    startSession: (input: { user?: Identity; language: string }) =>
      call<{ token: string; visitor: Visitor }>('POST', '/sessions', { workspaceKey, ...input }),
    conversations: () => call<{ data: Conversation[] }>('GET', '/conversations'),
    messages: (id: string) => call<{ data: Message[] }>('GET', `/conversations/${id}/messages`),
    startConversation: (input: {
      clientMessageId: string;
      bodyText: string;
      attachmentIds: string[];
      preChat?: { name?: string; email?: string };
    }) => call<{ conversation: Conversation; message: Message }>('POST', '/conversations', input),
    send: (id: string, input: { clientMessageId: string; bodyText: string; attachmentIds: string[] }) =>
      call<Message>('POST', `/conversations/${id}/messages`, input),
    upload(file: File) {
      const form = new FormData();
      form.append('file', file, file.name);
      return call<Attachment>('POST', '/attachments', form);
    },
    async download(conversationId: string, attachmentId: string): Promise<Blob> {
      const response = await fetch(`${root}/conversations/${conversationId}/attachments/${attachmentId}`, {
        headers: { authorization: `Bearer ${token ?? ''}` },
      });
      if (!response.ok) throw new ApiError(response.status, 'DOWNLOAD', response.statusText);
      return response.blob();
    },
  };
}
