/**
 * Macros the agent may use (shared + personal) and applying one to a ticket: simple field
 * changes show at once and roll back on failure; anything else waits for the server's ticket.
 */
import type { MacroDto } from '@switchboard/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError, api, apiRequest } from './client.ts';
import { queryKeys } from './query-keys.ts';
import type { TicketDto } from './types.ts';
import type { TicketWithEtag } from './use-tickets.ts';

export type { MacroDto };

export const macrosKey = ['macros'] as const;

export function useMacros(enabled = true) {
  return useQuery({
    queryKey: macrosKey,
    queryFn: async () => (await api<{ data: MacroDto[] }>('/macros')).data,
    staleTime: 60_000,
    enabled,
  });
}

type Action = MacroDto['actions'][number];

/** The ticket as the macro will leave it, or null when an action is more than a field change. */
export function optimisticTicket(ticket: TicketDto, actions: Action[]): TicketDto | null {
  let next = ticket;
  for (const action of actions) {
    if (action.type === 'set_status' && typeof action.status === 'string') {
      next = { ...next, status: action.status as TicketDto['status'] };
    } else if (action.type === 'set_priority' && typeof action.priority === 'string') {
      next = { ...next, priority: action.priority as TicketDto['priority'] };
    } else if (action.type === 'add_tags' && Array.isArray(action.tags)) {
      next = { ...next, tags: [...new Set([...next.tags, ...(action.tags as string[])])] };
    } else if (action.type === 'remove_tags' && Array.isArray(action.tags)) {
      const removed = new Set(action.tags as string[]);
      next = { ...next, tags: next.tags.filter((tag) => !removed.has(tag)) };
    } else {
      return null;
    }
  }
  return next;
}

export function useApplyMacro(ticketId: string) {
  const client = useQueryClient();
  const key = queryKeys.ticket(ticketId);
  return useMutation({
    mutationFn: async (macro: MacroDto): Promise<TicketWithEtag> => {
      const current = client.getQueryData<TicketWithEtag>(key);
      const { body, etag } = await apiRequest<TicketDto>(`/tickets/${ticketId}/macros/${macro.id}/apply`, {
        method: 'POST',
        headers: current?.etag ? { 'if-match': current.etag } : {},
      });
      return { ticket: body, etag };
    },
    onMutate: async (macro) => {
      await client.cancelQueries({ queryKey: key });
      const previous = client.getQueryData<TicketWithEtag>(key);
      const next = previous ? optimisticTicket(previous.ticket, macro.actions) : null;
      // Keep the ETag that was read: the request still sends it as If-Match.
      if (previous && next) client.setQueryData(key, { ...previous, ticket: next });
      return { previous };
    },
    onError: (error, _macro, context) => {
      if (context?.previous) client.setQueryData(key, context.previous);
      if (error instanceof ApiError && error.status === 412) void client.invalidateQueries({ queryKey: key });
    },
    onSuccess: (result) => {
      client.setQueryData(key, result);
      void client.invalidateQueries({ queryKey: queryKeys.messages(ticketId) });
      void client.invalidateQueries({ queryKey: queryKeys.ticketLists() });
      void client.invalidateQueries({ queryKey: macrosKey });
    },
  });
}
