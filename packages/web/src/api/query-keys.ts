/** Query-cache keys, one factory per feature, so invalidation names exactly what it means. */
import type { ViewId } from '../inbox/views.ts';

export const queryKeys = {
  session: () => ['session'] as const,
  allTickets: () => ['tickets'] as const,
  ticketList: (view: ViewId, userId: string) => ['tickets', 'list', view, userId] as const,
  ticketLists: () => ['tickets', 'list'] as const,
  ticket: (id: string) => ['tickets', 'one', id] as const,
  messages: (ticketId: string) => ['tickets', 'messages', ticketId] as const,
  contact: (id: string) => ['contacts', id] as const,
};
