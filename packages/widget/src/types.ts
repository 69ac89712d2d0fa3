/** Wire shapes of the visitor API (/messenger/v1) as the widget sees them. */

export type PreChatMode = 'off' | 'optional' | 'required';

export type PublicSettings = {
  enabled: boolean;
  identityRequired: boolean;
  brandColor: string;
  greeting: { ko: string; en: string };
  preChat: { name: PreChatMode; email: PreChatMode };
};

export type Visitor = { id: string; identified: boolean; name: string | null; email: string | null };

export type Session = { token: string; visitor: Visitor; userId: string | null };

export type Identity = { id: string; hash: string; name?: string; email?: string };

export type Conversation = {
  id: string;
  number: number;
  subject: string;
  status: string;
  createdAt: string;
  updatedAt: string;
  read: { visitor: string | null; agent: string | null };
};

export type Attachment = { id: string; filename: string; contentType: string; sizeBytes: number };

export type Message = {
  id: string;
  conversationId: string;
  clientMessageId: string | null;
  author: { type: 'visitor' | 'agent' | 'bot' | 'system'; name: string | null };
  bodyText: string;
  attachments: Attachment[];
  createdAt: string;
};

/** A message the visitor wrote that the server has not confirmed yet. */
export type Pending = {
  clientMessageId: string;
  /** null: it opens a new conversation. */
  conversationId: string | null;
  bodyText: string;
  files: File[];
  attachmentIds: string[] | null;
  state: 'sending' | 'waiting' | 'failed';
};

export type ServerFrame =
  | { type: 'ready'; conversations: string[] }
  | { type: 'message'; message: Message }
  | { type: 'typing'; conversationId: string; name: string | null }
  | { type: 'read'; conversationId: string; side: 'visitor' | 'agent'; messageId: string; readAt: string }
  | { type: 'status'; conversationId: string; status: string }
  | { type: 'resync' }
  | { type: 'pong' }
  | { type: 'error'; code: string; message: string };
