import {
  type AgentCandidate,
  type AssignmentOptions,
  compareIds,
  isEligibleAgent,
} from './agent-candidate.ts';

/**
 * The eligible agent with the fewest open tickets; ties go to the lowest share of capacity
 * in use, then the lowest id. Null when nobody is eligible.
 */
export function loadBalanced(
  candidates: readonly AgentCandidate[],
  options: AssignmentOptions = {},
): string | null {
  return leastLoaded(candidates.filter((agent) => isEligibleAgent(agent, options)))?.id ?? null;
}

/** The least-loaded agent of an already eligible list. */
export function leastLoaded(agents: readonly AgentCandidate[]): AgentCandidate | undefined {
  let best: AgentCandidate | undefined;
  for (const agent of agents) {
    if (!best || compareLoad(agent, best) < 0) best = agent;
  }
  return best;
}

function compareLoad(a: AgentCandidate, b: AgentCandidate): number {
  return (
    a.openTickets - b.openTickets ||
    a.openTickets / a.capacity - b.openTickets / b.capacity ||
    compareIds(a.id, b.id)
  );
}
