/**
 * A new identity secret for user verification. The old one stops working at once, so
 * sessions already open keep their tokens but new identify calls need hashes made with the
 * new secret. The secret is returned here only; later reads say only that one is set. It is
 * stored sealed with SWITCHBOARD_SECRET_KEY (we must read it back to verify hashes), and
 * refused without that key rather than kept in the clear.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../../db/schema.ts';
import type { Actor } from '../../../platform/actor.ts';
import type { Deps } from '../../../platform/deps.ts';
import { requireSecretBox } from '../../../platform/secret-box.ts';
import { appendEvents } from '../../events/events.repository.ts';
import { updateSettings } from '../messenger.repository.ts';
import { newIdentitySecret } from '../visitor-identity.ts';
import { ensureMessengerSettings } from './update-messenger-settings.ts';

export async function rotateIdentitySecret(
  deps: Pick<Deps, 'clock' | 'config'>,
  trx: Kysely<DB>,
  actor: Actor,
): Promise<string> {
  const workspaceId = actor.workspaceId;
  const box = requireSecretBox(deps.config);
  await ensureMessengerSettings(trx, workspaceId);
  const secret = newIdentitySecret();
  const now = deps.clock.now();
  await updateSettings(trx, workspaceId, { identity_secret: box.encrypt(secret), updated_at: now });
  // The secret itself never goes into the log.
  await appendEvents(trx, actor, now, [
    { subjectType: 'workspace', subjectId: workspaceId, type: 'messenger.identity_secret_rotated', data: {} },
  ]);
  return secret;
}
