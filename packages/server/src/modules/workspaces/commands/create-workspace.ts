/** Creates a workspace with its ticket-number sequence and its first owner. */
import type { Kysely } from 'kysely';
import type { DB } from '../../../db/schema.ts';
import { systemActor, type Via } from '../../../platform/actor.ts';
import type { Deps } from '../../../platform/deps.ts';
import { appendEvents } from '../../events/events.repository.ts';
import { createUser, type NewUser } from '../../users/commands/create-user.ts';
import type { UserRow } from '../../users/users.repository.ts';
import { insertWorkspace, type WorkspaceRow } from '../workspaces.repository.ts';

export async function createWorkspace(
  deps: Pick<Deps, 'clock' | 'ids' | 'passwords'>,
  trx: Kysely<DB>,
  input: { slug: string; name: string; owner: Omit<NewUser, 'role'>; via?: Via },
): Promise<{ workspace: WorkspaceRow; owner: UserRow }> {
  const now = deps.clock.now();
  const workspace = await insertWorkspace(trx, {
    id: deps.ids.next(),
    slug: input.slug,
    name: input.name,
    at: now,
  });
  const actor = systemActor(workspace.id, input.via ?? 'system');
  await appendEvents(trx, actor, now, [
    {
      subjectType: 'workspace',
      subjectId: workspace.id,
      type: 'workspace.created',
      data: { slug: input.slug },
    },
  ]);
  const owner = await createUser(deps, trx, actor, { ...input.owner, role: 'owner' });
  return { workspace, owner };
}
