/**
 * Who makes a change and through what. Every event records it; roles are checked against it.
 */
export type Role = 'owner' | 'admin' | 'agent' | 'light_agent';
export type Via = 'web' | 'api' | 'email' | 'chat' | 'phone' | 'system' | 'cli';
export type ActorType = 'agent' | 'contact' | 'api_token' | 'system' | 'rule' | 'bot';

export type Actor = {
  workspaceId: string;
  type: ActorType;
  /** Session user id for 'agent', token id for 'api_token', contact id for 'contact'. */
  id: string | null;
  /** The agent behind the change (session user or token owner), if any. */
  userId: string | null;
  role: Role | null;
  via: Via;
  /** For rule-made changes: where in its cascade the change sits. */
  cascade?: { depth: number; firedRuleIds: string[] };
};

const roleRank: Record<Role, number> = { light_agent: 1, agent: 2, admin: 3, owner: 4 };

export function hasRole(actual: Role | null, required: Role): boolean {
  return actual !== null && roleRank[actual] >= roleRank[required];
}

export function systemActor(workspaceId: string, via: Via = 'system'): Actor {
  return { workspaceId, type: 'system', id: null, userId: null, role: 'owner', via };
}
