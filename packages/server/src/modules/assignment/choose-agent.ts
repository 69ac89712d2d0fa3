/**
 * Picks the agent for a ticket with one of the strategies of core/assignment, from the
 * candidates' live status, capacity and load. Round-robin keeps its position in a locked
 * row per scope, so the rotation is fair across restarts and across instances.
 */
import { loadBalanced, roundRobin, skillBased } from '@switchboard/core';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { loadCandidates, lockCursor, saveCursor } from './assignment.repository.ts';

export type Strategy = 'round_robin' | 'load_balanced' | 'skill_based';

export async function chooseAgent(
  db: Kysely<DB>,
  input: {
    workspaceId: string;
    strategy: Strategy;
    teamId: string | null;
    need: { language?: string | undefined; topics?: string[] | undefined };
    now: Date;
  },
): Promise<string | null> {
  const candidates = await loadCandidates(db, input.workspaceId);
  const options = { teamId: input.teamId };
  if (input.strategy === 'load_balanced') return loadBalanced(candidates, options);
  if (input.strategy === 'skill_based') {
    const need = {
      ...(input.need.language ? { language: input.need.language } : {}),
      ...(input.need.topics ? { topics: input.need.topics } : {}),
    };
    return skillBased(candidates, need, options).agentId;
  }
  const scope = input.teamId ? `team:${input.teamId}` : 'workspace';
  const cursor = await lockCursor(db, input.workspaceId, scope, input.now);
  const { agentId } = roundRobin(candidates, cursor, options);
  if (agentId) await saveCursor(db, input.workspaceId, scope, agentId, input.now);
  return agentId;
}
