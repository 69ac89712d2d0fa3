/** Test helper: an online agent with room for ten tickets, speaking English, in team support. */
import type { AgentCandidate } from './agent-candidate.ts';

export function agent(id: string, overrides: Partial<AgentCandidate> = {}): AgentCandidate {
  return {
    id,
    status: 'online',
    capacity: 10,
    openTickets: 0,
    languages: ['en'],
    topics: [],
    teamIds: ['support'],
    ...overrides,
  };
}
