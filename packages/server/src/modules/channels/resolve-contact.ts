/**
 * The customer behind a call or an inbound message: found by email, then by any stored form
 * of the phone number, then by the channel's external user id; created on first contact.
 * An existing contact learns the identities it did not have yet (unless another contact
 * owns them), so the next message through any channel finds the same person.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { Actor } from '../../platform/actor.ts';
import type { Deps } from '../../platform/deps.ts';
import { findOrCreateRequester } from '../contacts/commands/find-or-create-requester.ts';
import {
  type ContactRow,
  findContactByIdentity,
  normalizeIdentity,
} from '../contacts/contacts.repository.ts';
import { addIdentityIfFree, findContactByPhoneValues } from './channel-contacts.repository.ts';
import { phoneLookupValues } from './phone-number.ts';

export type ChannelSender = {
  name?: string | undefined;
  email?: string | undefined;
  /** Already E.164. */
  phone?: string | undefined;
  /** Scoped to the channel: `<channelId>:<id at the source>`. */
  externalId?: string | undefined;
  language?: string | undefined;
};

export async function resolveContact(
  deps: Pick<Deps, 'ids'>,
  trx: Kysely<DB>,
  actor: Actor,
  sender: ChannelSender,
  now: Date,
): Promise<ContactRow> {
  const ws = actor.workspaceId;
  let found = sender.email ? await findContactByIdentity(trx, ws, 'email', sender.email) : undefined;
  if (!found && sender.phone)
    found = await findContactByPhoneValues(trx, ws, phoneLookupValues(sender.phone));
  if (!found && sender.externalId)
    found = await findContactByIdentity(trx, ws, 'external', sender.externalId);
  if (!found) {
    return findOrCreateRequester(
      deps,
      trx,
      actor,
      {
        email: sender.email,
        phone: sender.phone,
        externalId: sender.externalId,
        name: sender.name,
        language: sender.language,
      },
      now,
    );
  }
  await learnIdentities(deps, trx, ws, found.id, sender);
  return found;
}

/**
 * Gives the contact the sender's identities it lacks, unless another contact owns them
 * (then the two are different people or need an explicit merge).
 */
export async function learnIdentities(
  deps: Pick<Deps, 'ids'>,
  trx: Kysely<DB>,
  workspaceId: string,
  contactId: string,
  sender: ChannelSender,
): Promise<void> {
  const learnt: ['email' | 'phone' | 'external', string | undefined][] = [
    ['email', sender.email],
    ['external', sender.externalId],
  ];
  if (sender.phone && !(await findContactByPhoneValues(trx, workspaceId, phoneLookupValues(sender.phone)))) {
    learnt.push(['phone', sender.phone]);
  }
  for (const [kind, value] of learnt) {
    if (!value) continue;
    await addIdentityIfFree(trx, {
      id: deps.ids.next(),
      workspaceId,
      contactId,
      kind,
      value: normalizeIdentity(kind, value),
    });
  }
}
