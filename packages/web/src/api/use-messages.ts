/** The timeline of a ticket and the composer's send, appended optimistically. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './client.ts';
import { queryKeys } from './query-keys.ts';
import { randomId } from './random-id.ts';
import type { MessageDto } from './types.ts';

export async function fetchMessages(ticketId: string): Promise<MessageDto[]> {
  return (await api<{ data: MessageDto[] }>(`/tickets/${ticketId}/messages`)).data;
}

export function useMessages(ticketId: string) {
  return useQuery({ queryKey: queryKeys.messages(ticketId), queryFn: () => fetchMessages(ticketId) });
}

export type NewMessage = { bodyText: string; visibility: 'public' | 'internal' };

export function useSendMessage(ticketId: string, userId: string) {
  const client = useQueryClient();
  const key = queryKeys.messages(ticketId);
  return useMutation({
    mutationFn: (input: NewMessage) =>
      api<MessageDto>(`/tickets/${ticketId}/messages`, {
        method: 'POST',
        body: input,
        headers: { 'idempotency-key': randomId() },
      }),
    onMutate: async (input) => {
      await client.cancelQueries({ queryKey: key });
      const previous = client.getQueryData<MessageDto[]>(key) ?? [];
      const pending: MessageDto = {
        id: `pending-${randomId()}`,
        ticketId,
        originalTicketId: ticketId,
        visibility: input.visibility,
        authorType: 'agent',
        authorId: userId,
        channel: input.visibility === 'internal' ? 'internal' : 'api',
        bodyHtml: '',
        bodyText: input.bodyText,
        metadata: {},
        attachments: [],
        createdAt: new Date().toISOString(),
        delivery: null,
      };
      client.setQueryData(key, [...previous, pending]);
      return { previous, pendingId: pending.id };
    },
    onError: (_error, _input, context) => {
      if (context) client.setQueryData(key, context.previous);
    },
    onSuccess: (message, _input, context) => {
      // A refetch meanwhile (a live update) may already hold the message, or have dropped the pending one.
      client.setQueryData<MessageDto[]>(key, (list = []) => {
        const replaced = list
          .filter((m) => m.id !== message.id)
          .map((m) => (m.id === context?.pendingId ? message : m));
        return replaced.some((m) => m.id === message.id) ? replaced : [...replaced, message];
      });
      void client.invalidateQueries({ queryKey: queryKeys.ticket(ticketId) });
      void client.invalidateQueries({ queryKey: queryKeys.ticketLists() });
    },
  });
}
