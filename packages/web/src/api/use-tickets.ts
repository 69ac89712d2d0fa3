/** Ticket list, one ticket (with its ETag), its requester, and the optimistic field update. */
import {
  keepPreviousData,
  type QueryClient,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
} from '@tanstack/react-query';
import { type ViewId, viewQuery } from '../inbox/views.ts';
import { ApiError, api, apiRequest } from './client.ts';
import { queryKeys } from './query-keys.ts';
import type { Contact, Page, TicketDto } from './types.ts';
import { fetchMessages } from './use-messages.ts';

const PAGE_SIZE = 50;

export type TicketWithEtag = { ticket: TicketDto; etag: string | null };

export function useTicketList(view: ViewId, userId: string) {
  return useInfiniteQuery({
    queryKey: queryKeys.ticketList(view, userId),
    queryFn: ({ pageParam }) => {
      const params = new URLSearchParams({ ...viewQuery(view, userId), limit: String(PAGE_SIZE) });
      if (pageParam) params.set('cursor', pageParam);
      return api<Page<TicketDto>>(`/tickets?${params}`);
    },
    initialPageParam: '',
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  });
}

async function fetchTicket(id: string): Promise<TicketWithEtag> {
  const { body, etag } = await apiRequest<TicketDto>(`/tickets/${id}`);
  return { ticket: body, etag };
}

export function useTicket(id: string) {
  return useQuery({ queryKey: queryKeys.ticket(id), queryFn: () => fetchTicket(id) });
}

/** Warms the cache for the ticket the agent is likely to open next. */
export function prefetchTicket(client: QueryClient, id: string): void {
  void client.prefetchQuery({ queryKey: queryKeys.ticket(id), queryFn: () => fetchTicket(id) });
  void client.prefetchQuery({ queryKey: queryKeys.messages(id), queryFn: () => fetchMessages(id) });
}

export function useContact(id: string | undefined) {
  return useQuery({
    queryKey: queryKeys.contact(id ?? ''),
    queryFn: () => api<Contact>(`/contacts/${id}`),
    enabled: Boolean(id),
    staleTime: 60_000,
  });
}

export type TicketChanges = Partial<Pick<TicketDto, 'status' | 'priority'>>;

/**
 * PATCH with If-Match: the field changes in the cache at once; on failure it rolls back,
 * and a 412 (someone else changed the ticket) refetches the current version.
 */
export function useUpdateTicket(id: string) {
  const client = useQueryClient();
  const key = queryKeys.ticket(id);
  return useMutation({
    mutationFn: async (changes: TicketChanges) => {
      const current = client.getQueryData<TicketWithEtag>(key);
      const { body, etag } = await apiRequest<TicketDto>(`/tickets/${id}`, {
        method: 'PATCH',
        body: changes,
        headers: current?.etag ? { 'if-match': current.etag } : {},
      });
      return { ticket: body, etag };
    },
    onMutate: async (changes) => {
      await client.cancelQueries({ queryKey: key });
      const previous = client.getQueryData<TicketWithEtag>(key);
      if (previous) client.setQueryData(key, { ...previous, ticket: { ...previous.ticket, ...changes } });
      return { previous };
    },
    onError: (error, _changes, context) => {
      if (context?.previous) client.setQueryData(key, context.previous);
      if (error instanceof ApiError && error.status === 412) {
        void client.invalidateQueries({ queryKey: key });
        void client.invalidateQueries({ queryKey: queryKeys.ticketLists() });
      }
    },
    onSuccess: (result) => {
      client.setQueryData(key, result);
      void client.invalidateQueries({ queryKey: queryKeys.ticketLists() });
    },
  });
}
