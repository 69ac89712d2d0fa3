/** Canned responses the agent may use, and their text rendered by the server for one ticket. */
import type { CannedResponseDto } from '@switchboard/core';
import { useQuery } from '@tanstack/react-query';
import { api } from './client.ts';

export type { CannedResponseDto };

export type RenderedCannedResponse = { text: string; html: string; locale: string };

export function useCannedResponses() {
  return useQuery({
    queryKey: ['canned-responses'] as const,
    queryFn: async () => (await api<{ data: CannedResponseDto[] }>('/canned-responses')).data,
    staleTime: 60_000,
  });
}

export function renderCannedResponse(id: string, ticketId: string): Promise<RenderedCannedResponse> {
  return api<RenderedCannedResponse>(`/canned-responses/${id}/render`, {
    method: 'POST',
    body: { ticketId },
  });
}

/** The variant shown in the picker: the ticket's language, else English, else the first one. */
export function previewBody(bodies: CannedResponseDto['bodies'], language: string | null): string {
  if (typeof bodies === 'string') return bodies;
  const base = language?.toLowerCase().split('-')[0];
  return (
    (language ? bodies[language] : undefined) ??
    (base ? bodies[base] : undefined) ??
    bodies.en ??
    Object.values(bodies)[0] ??
    ''
  );
}
