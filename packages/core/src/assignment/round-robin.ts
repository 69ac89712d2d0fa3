import {
  type AgentCandidate,
  type AssignmentOptions,
  compareIds,
  isEligibleAgent,
} from './agent-candidate.ts';

export type RoundRobinPick = {
  agentId: string | null;
  /** Persist this (the last assigned agent's id); unchanged when nobody was picked. */
  nextCursor: string | null;
};

/**
 * The first eligible agent, in id order, after `cursor` (the last assigned agent's id),
 * wrapping to the start. The cursor is an id rather than a position, so it stays fair when
 * agents join, leave or go offline, including when the cursor's own agent was removed.
 * The server keeps it in a row read with FOR UPDATE, so instances share one rotation.
 */
export function roundRobin(
  candidates: readonly AgentCandidate[],
  cursor: string | null,
  options: AssignmentOptions = {},
): RoundRobinPick {
  const eligible = candidates.filter((agent) => isEligibleAgent(agent, options));
  const ids = eligible.map((agent) => agent.id).sort(compareIds);
  const next = (cursor === null ? undefined : ids.find((id) => compareIds(id, cursor) > 0)) ?? ids[0];
  return next === undefined ? { agentId: null, nextCursor: cursor } : { agentId: next, nextCursor: next };
}
