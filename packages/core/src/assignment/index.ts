/**
 * Assignment strategies: pure choices of an agent from candidates the server loads. All
 * skip offline agents (and away ones unless `includeAway`), agents at or over capacity and,
 * given `teamId`, non-members. VIP routing is the server passing the VIP team's id.
 */
export {
  type AgentCandidate,
  type AgentStatus,
  type AssignmentOptions,
  isEligibleAgent,
} from './agent-candidate.ts';
export { loadBalanced } from './load-balanced.ts';
export { type RoundRobinPick, roundRobin } from './round-robin.ts';
export { type SkillNeed, type SkillPick, skillBased } from './skill-based.ts';
