/** SQL for sessions and API tokens. Only hashes of secrets are stored. */
import { createHash } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import type { ApiTokensTable, DB } from '../../db/schema.ts';

export type ApiTokenRow = Selectable<ApiTokensTable>;

export function sha256Hex(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

export type PrincipalRow = {
  workspace_id: string;
  user_id: string;
  role: 'owner' | 'admin' | 'agent' | 'light_agent';
  deactivated_at: Date | null;
};

export async function findSession(db: Kysely<DB>, sessionId: string) {
  return db
    .selectFrom('sessions as s')
    .innerJoin('users as u', (j) =>
      j.onRef('u.id', '=', 's.user_id').onRef('u.workspace_id', '=', 's.workspace_id'),
    )
    .select([
      's.id',
      's.workspace_id',
      's.user_id',
      's.csrf_token',
      's.expires_at',
      's.last_seen_at',
      'u.role',
      'u.deactivated_at',
    ])
    .where('s.id', '=', sessionId)
    .executeTakeFirst();
}

export async function insertSession(
  db: Kysely<DB>,
  s: { id: string; workspaceId: string; userId: string; csrfToken: string; at: Date; expiresAt: Date },
) {
  await db
    .insertInto('sessions')
    .values({
      id: s.id,
      workspace_id: s.workspaceId,
      user_id: s.userId,
      csrf_token: s.csrfToken,
      created_at: s.at,
      last_seen_at: s.at,
      expires_at: s.expiresAt,
    })
    .execute();
}

export async function touchSession(db: Kysely<DB>, id: string, at: Date, expiresAt: Date) {
  await db
    .updateTable('sessions')
    .set({ last_seen_at: at, expires_at: expiresAt })
    .where('id', '=', id)
    .execute();
}

export async function deleteSession(db: Kysely<DB>, id: string) {
  await db.deleteFrom('sessions').where('id', '=', id).execute();
}

export async function deleteUserSessions(
  db: Kysely<DB>,
  workspaceId: string,
  userId: string,
  exceptId?: string,
) {
  let q = db.deleteFrom('sessions').where('workspace_id', '=', workspaceId).where('user_id', '=', userId);
  if (exceptId) q = q.where('id', '<>', exceptId);
  await q.execute();
}

export async function findTokenByHash(db: Kysely<DB>, tokenHash: string) {
  return db
    .selectFrom('api_tokens as t')
    .innerJoin('users as u', (j) =>
      j.onRef('u.id', '=', 't.user_id').onRef('u.workspace_id', '=', 't.workspace_id'),
    )
    .select([
      't.id',
      't.workspace_id',
      't.user_id',
      't.revoked_at',
      't.last_used_at',
      'u.role',
      'u.deactivated_at',
    ])
    .where('t.token_hash', '=', tokenHash)
    .executeTakeFirst();
}

export async function markTokenUsed(db: Kysely<DB>, id: string, at: Date) {
  await db.updateTable('api_tokens').set({ last_used_at: at }).where('id', '=', id).execute();
}

export async function insertApiToken(
  db: Kysely<DB>,
  t: {
    id: string;
    workspaceId: string;
    userId: string;
    name: string;
    tokenHash: string;
    prefix: string;
    at: Date;
  },
): Promise<ApiTokenRow> {
  return db
    .insertInto('api_tokens')
    .values({
      id: t.id,
      workspace_id: t.workspaceId,
      user_id: t.userId,
      name: t.name,
      token_hash: t.tokenHash,
      prefix: t.prefix,
      created_at: t.at,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function listApiTokens(db: Kysely<DB>, workspaceId: string, userId?: string) {
  let q = db.selectFrom('api_tokens').selectAll().where('workspace_id', '=', workspaceId);
  if (userId) q = q.where('user_id', '=', userId);
  return q.orderBy('created_at', 'desc').execute();
}

export async function findApiToken(db: Kysely<DB>, workspaceId: string, id: string) {
  return db
    .selectFrom('api_tokens')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function revokeApiToken(db: Kysely<DB>, workspaceId: string, id: string, at: Date) {
  await db
    .updateTable('api_tokens')
    .set({ revoked_at: at })
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .execute();
}
