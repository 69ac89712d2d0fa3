/**
 * Email + password sign-in. The same answer and about the same time for an unknown email
 * and a wrong password, so the form cannot be used to discover who has an account.
 */
import { DomainError } from '@switchboard/core';
import type { Deps } from '../../../platform/deps.ts';
import { randomToken } from '../../../platform/ids.ts';
import { insertSession, sha256Hex } from '../auth.repository.ts';

// A real hash of a random secret: checking an unknown email against it costs what a real check costs.
let dummyHash: Promise<string> | null = null;

export type LoginResult = {
  sessionToken: string;
  csrfToken: string;
  expiresAt: Date;
  userId: string;
  workspaceId: string;
};

export async function login(
  deps: Pick<Deps, 'db' | 'clock' | 'passwords' | 'config'>,
  input: { email: string; password: string; workspace?: string | undefined },
): Promise<LoginResult> {
  const email = input.email.trim().toLowerCase();
  let q = deps.db
    .selectFrom('users as u')
    .innerJoin('workspaces as w', 'w.id', 'u.workspace_id')
    .select(['u.id', 'u.workspace_id', 'u.password_hash', 'u.deactivated_at'])
    .where('u.email', '=', email);
  if (input.workspace) q = q.where('w.slug', '=', input.workspace);
  const candidates = await q.limit(2).execute();
  // The same email in two workspaces needs the workspace named; treat it as a failed login.
  const user = candidates.length === 1 ? candidates[0] : undefined;
  dummyHash ??= deps.passwords.hash(randomToken(16));
  const ok = await deps.passwords.verify(user?.password_hash ?? (await dummyHash), input.password);
  if (!user || !ok || !user.password_hash || user.deactivated_at) {
    throw new DomainError('AUTH_INVALID_CREDENTIALS', 'The email or password is incorrect.');
  }
  const now = deps.clock.now();
  const sessionToken = randomToken(32);
  const csrfToken = randomToken(24);
  const expiresAt = new Date(now.getTime() + deps.config.SWITCHBOARD_SESSION_TTL_HOURS * 3_600_000);
  await insertSession(deps.db, {
    id: sha256Hex(sessionToken),
    workspaceId: user.workspace_id,
    userId: user.id,
    csrfToken,
    at: now,
    expiresAt,
  });
  return { sessionToken, csrfToken, expiresAt, userId: user.id, workspaceId: user.workspace_id };
}
