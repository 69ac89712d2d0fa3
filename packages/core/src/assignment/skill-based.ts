import { type AgentCandidate, type AssignmentOptions, isEligibleAgent } from './agent-candidate.ts';
import { leastLoaded } from './load-balanced.ts';

export type SkillNeed = { language?: string | null; topics?: readonly string[] };

/**
 * Which rule chose: `skill_match` (among agents who speak the language and share the most
 * topics), `load_fallback` (nobody matched, or nothing was asked: least loaded of all
 * eligible agents), or `no_eligible_agent`.
 */
export type SkillPick = {
  agentId: string | null;
  rule: 'skill_match' | 'load_fallback' | 'no_eligible_agent';
};

/**
 * Skill routing. Language is a requirement: with one asked for, only agents who speak it
 * (ko matches ko-KR and back) count as matches. Topics rank: among those, agents sharing
 * the most requested topics win; with no language asked, sharing at least one topic is
 * what makes a match. Then the least loaded match takes it (see loadBalanced). Falls back
 * to load balancing over every eligible agent rather than leaving the ticket unassigned.
 */
export function skillBased(
  candidates: readonly AgentCandidate[],
  need: SkillNeed,
  options: AssignmentOptions = {},
): SkillPick {
  const eligible = candidates.filter((agent) => isEligibleAgent(agent, options));
  const matched = leastLoaded(skillMatches(eligible, need));
  if (matched) return { agentId: matched.id, rule: 'skill_match' };
  const fallback = leastLoaded(eligible);
  return fallback
    ? { agentId: fallback.id, rule: 'load_fallback' }
    : { agentId: null, rule: 'no_eligible_agent' };
}

function skillMatches(agents: readonly AgentCandidate[], need: SkillNeed): readonly AgentCandidate[] {
  const language = need.language?.trim().toLowerCase() || null;
  const topics = new Set((need.topics ?? []).map((topic) => topic.trim().toLowerCase()).filter(Boolean));
  if (!language && topics.size === 0) return [];
  const speakers = language
    ? agents.filter((agent) => agent.languages.some((tag) => isSameLanguage(tag, language)))
    : agents;
  if (topics.size === 0) return speakers;
  const shared = (agent: AgentCandidate) =>
    agent.topics.filter((topic) => topics.has(topic.toLowerCase())).length;
  const most = Math.max(0, ...speakers.map(shared));
  if (most === 0) return language ? speakers : [];
  return speakers.filter((agent) => shared(agent) === most);
}

function isSameLanguage(tag: string, wanted: string): boolean {
  const normalized = tag.trim().toLowerCase();
  return normalized === wanted || normalized.split('-')[0] === wanted.split('-')[0];
}
