/**
 * Issues an API token for a user. The secret is returned once and only its sha256 is kept;
 * the token acts with its owner's role, so demoting the owner demotes the token.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../../db/schema.ts';
import type { Actor } from '../../../platform/actor.ts';
import type { Deps } from '../../../platform/deps.ts';
import { randomToken } from '../../../platform/ids.ts';
import { appendEvents } from '../../events/events.repository.ts';
import { type ApiTokenRow, insertApiToken, sha256Hex } from '../auth.repository.ts';

export const API_TOKEN_PREFIX = 'sbp_';

export async function createApiToken(
  deps: Pick<Deps, 'clock' | 'ids'>,
  trx: Kysely<DB>,
  actor: Actor,
  input: { userId: string; name: string },
): Promise<{ token: string; row: ApiTokenRow }> {
  const now = deps.clock.now();
  const token = `${API_TOKEN_PREFIX}${randomToken(32)}`;
  const row = await insertApiToken(trx, {
    id: deps.ids.next(),
    workspaceId: actor.workspaceId,
    userId: input.userId,
    name: input.name,
    tokenHash: sha256Hex(token),
    prefix: token.slice(0, API_TOKEN_PREFIX.length + 6),
    at: now,
  });
  await appendEvents(trx, actor, now, [
    {
      subjectType: 'api_token',
      subjectId: row.id,
      type: 'api_token.created',
      data: { name: input.name, userId: input.userId },
    },
  ]);
  return { token, row };
}
