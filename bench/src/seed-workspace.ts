/**
 * The benchmark workspace, made with the server's own commands: 40 agents in 5 teams of 8
 * and an API token for one of them (agents may create and list tickets). No passwords are
 * hashed: nobody signs in, the load goes through the token.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../packages/server/src/db/schema.ts';
import { createApiToken } from '../../packages/server/src/modules/auth/commands/create-api-token.ts';
import { createTeam } from '../../packages/server/src/modules/teams/commands/create-team.ts';
import { createUser } from '../../packages/server/src/modules/users/commands/create-user.ts';
import { createWorkspace } from '../../packages/server/src/modules/workspaces/commands/create-workspace.ts';
import { systemActor } from '../../packages/server/src/platform/actor.ts';
import type { Deps } from '../../packages/server/src/platform/deps.ts';
import { type TeamName, teamNames } from './corpus-topics.ts';

export const AGENT_COUNT = 40;

export type BenchWorkspace = {
  id: string;
  /** An agent's API token: the load clients. */
  token: string;
  /** The owner's API token, for what only admins may do (rule preview). */
  adminToken: string;
  agentIds: string[];
  teamIds: Map<TeamName, string>;
};

const agentNames = [
  '김민준',
  '이서연',
  '박지호',
  '최수아',
  '정도윤',
  'Emma Clark',
  'Liam Walker',
  'Sofia Reyes',
];

export async function seedWorkspace(deps: Deps, db: Kysely<DB>): Promise<BenchWorkspace> {
  return db.transaction().execute(async (trx) => {
    const { workspace, owner } = await createWorkspace(deps, trx, {
      slug: 'bench',
      name: 'Benchmark Shop',
      owner: { email: 'owner@bench.test', name: 'Bench Owner' },
    });
    const actor = systemActor(workspace.id);
    const agentIds: string[] = [];
    for (let i = 0; i < AGENT_COUNT; i++) {
      const agent = await createUser(deps, trx, actor, {
        email: `agent${i}@bench.test`,
        name: `${agentNames[i % agentNames.length]} ${i}`,
        role: 'agent',
      });
      agentIds.push(agent.id);
    }
    const teamIds = new Map<TeamName, string>();
    for (const [t, name] of teamNames.entries()) {
      const memberIds = agentIds.slice(t * 8, t * 8 + 8);
      const team = await createTeam(deps, trx, actor, { name, description: '', memberIds });
      teamIds.set(name, team.id);
    }
    const { token } = await createApiToken(deps, trx, actor, { userId: agentIds[0]!, name: 'bench' });
    const admin = await createApiToken(deps, trx, actor, { userId: owner.id, name: 'bench admin' });
    return { id: workspace.id, token, adminToken: admin.token, agentIds, teamIds };
  });
}
