/** Wire shapes of the API, straight from the server's schemas (type-only: nothing is bundled). */
export type { MessageDto, TicketDto, TicketPriority } from '@switchboard/core';

export type Page<T> = { data: T[]; nextCursor: string | null };
export type Session = { userId: string; workspaceId: string; role: string; csrfToken?: string };
export type Contact = { id: string; name: string; emails: string[] };
