/** Who is signed in (null when nobody): GET /auth/session answers 401 without a session. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError, api } from './client.ts';
import { queryKeys } from './query-keys.ts';
import type { Session } from './types.ts';

export function useSession() {
  return useQuery({
    queryKey: queryKeys.session(),
    queryFn: async () => {
      try {
        return await api<Session>('/auth/session');
      } catch (error) {
        if (error instanceof ApiError && error.status === 401) return null;
        throw error;
      }
    },
    staleTime: Number.POSITIVE_INFINITY,
  });
}

export function useSignIn() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: { email: string; password: string }) =>
      api<Session>('/auth/login', { method: 'POST', body: input }),
    onSuccess: (session) => client.setQueryData(queryKeys.session(), session),
  });
}

export function useSignOut() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => api<void>('/auth/logout', { method: 'POST' }),
    onSettled: () => {
      // Not client.clear(): the session query must stay the one the app observes.
      client.setQueryData(queryKeys.session(), null);
      client.removeQueries({ predicate: (query) => query.queryKey[0] !== queryKeys.session()[0] });
    },
  });
}
