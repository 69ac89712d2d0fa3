/**
 * Who may take a ticket. Strategies are pure: the server loads candidates (status, capacity,
 * open-ticket counts, skills, teams) and applies the choice in a transaction; VIP routing
 * (sending a VIP requester's ticket to a named team) is the server passing that team's id.
 */
export type AgentStatus = 'online' | 'away' | 'offline';

export type AgentCandidate = {
  id: string;
  status: AgentStatus;
  /** Most open tickets the agent should hold; 0 means take none. */
  capacity: number;
  openTickets: number;
  /** BCP 47 tags such as ko or en-US. */
  languages: readonly string[];
  topics: readonly string[];
  teamIds: readonly string[];
};

export type AssignmentOptions = {
  /** Only members of this team (for a team's queue, or the VIP team). */
  teamId?: string | null;
  /** Also consider agents who are away; offline agents never are. */
  includeAway?: boolean;
};

/** Online (or away, if allowed), under capacity, and in the requested team. */
export function isEligibleAgent(agent: AgentCandidate, options: AssignmentOptions = {}): boolean {
  if (agent.status === 'offline' || (agent.status === 'away' && !options.includeAway)) return false;
  if (!(agent.openTickets < agent.capacity)) return false;
  return !options.teamId || agent.teamIds.includes(options.teamId);
}

/** Ordinal (code-unit) order, the same in every locale and instance; not localeCompare. */
export function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
