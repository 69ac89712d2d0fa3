/**
 * Opens a messenger session: checks the workspace key, verifies an identified user's hash,
 * and stores a new visitor with a fresh token. An identified user's contact is found by the
 * site's user id (the only thing the hash proves); an email the page passes along is kept
 * on the contact only when no other contact owns it, so nobody joins another's history.
 */
import { DomainError } from '@switchboard/core';
import type { Kysely } from 'kysely';
import type { DB } from '../../../db/schema.ts';
import type { Deps } from '../../../platform/deps.ts';
import { secretBox, secretKeyOf } from '../../../platform/secret-box.ts';
import { findOrCreateRequester } from '../../contacts/commands/find-or-create-requester.ts';
import { findContactByIdentity } from '../../contacts/contacts.repository.ts';
import { findContactOfUser, findSettingsByKey, insertVisitor } from '../messenger.repository.ts';
import type { CreateSessionInput } from '../messenger.schemas.ts';
import { hashVisitorToken, isUserHashValid, newVisitorToken, visitorActor } from '../visitor-identity.ts';

export type StartedSession = {
  token: string;
  visitor: { id: string; identified: boolean; name: string | null; email: string | null };
};

export async function startSession(
  deps: Pick<Deps, 'clock' | 'ids' | 'config'>,
  trx: Kysely<DB>,
  input: CreateSessionInput,
): Promise<StartedSession> {
  const settings = await findSettingsByKey(trx, input.workspaceKey);
  if (!settings) throw new DomainError('AUTH_INVALID_CREDENTIALS', 'The workspace key is unknown.');
  if (!settings.enabled) throw new DomainError('AUTH_FORBIDDEN', 'The messenger is turned off.');
  const user = input.user;
  if (!user && settings.identity_required) {
    throw new DomainError('AUTH_REQUIRED', 'This messenger is for signed-in users only: identify the user.');
  }
  const secret = settings.identity_secret ? openSecret(deps.config, settings.identity_secret) : null;
  if (user && !(secret && isUserHashValid(secret, user.id, user.hash))) {
    throw new DomainError('AUTH_INVALID_CREDENTIALS', 'The user hash does not match the user id.');
  }
  const now = deps.clock.now();
  const ws = settings.workspace_id;
  const id = deps.ids.next();
  const name = user?.name ?? input.preChat?.name ?? null;
  const email = user?.email ?? input.preChat?.email ?? null;
  const token = newVisitorToken();
  const visitor = await insertVisitor(trx, {
    id,
    workspace_id: ws,
    token_hash: hashVisitorToken(token),
    contact_id: null,
    external_user_id: user?.id ?? null,
    name,
    email,
    language: input.language ?? null,
    created_at: now,
    last_seen_at: now,
  });
  if (user) {
    const actor = visitorActor(visitor, null);
    const known =
      (await findContactOfUser(trx, ws, user.id)) ??
      (await findContactByIdentity(trx, ws, 'external', user.id))?.id;
    const free = email ? !(await findContactByIdentity(trx, ws, 'email', email)) : false;
    const contactId =
      known ??
      (
        await findOrCreateRequester(
          deps,
          trx,
          actor,
          {
            externalId: user.id,
            name: name ?? undefined,
            email: free ? (email ?? undefined) : undefined,
            language: input.language,
          },
          now,
        )
      ).id;
    await trx
      .updateTable('messenger_visitors')
      .set({ contact_id: contactId })
      .where('workspace_id', '=', ws)
      .where('id', '=', id)
      .execute();
  }
  return { token, visitor: { id, identified: user !== undefined, name, email } };
}

/** The identity secret in clear; null when SWITCHBOARD_SECRET_KEY is gone (identified users are then refused). */
function openSecret(config: Deps['config'], sealed: string): string | null {
  const key = secretKeyOf(config);
  return key ? secretBox(key).decrypt(sealed) : null;
}
