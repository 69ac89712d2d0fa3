/**
 * Deletes an SLA policy. The clocks counting on it go with it; each unsolved ticket it
 * covered gets an `sla.policy_removed` event, which the automation inbox files like any
 * ticket event, so the SLA hook chooses its new policy (or none) under the ticket's own
 * lock, after this commits. Recomputing here would lock tickets in the opposite order to
 * the inbox worker and could deadlock with it.
 */

import { DomainError } from '@switchboard/core';
import type { Kysely } from 'kysely';
import type { DB } from '../../../db/schema.ts';
import type { Actor } from '../../../platform/actor.ts';
import type { Deps } from '../../../platform/deps.ts';
import { appendEvents } from '../../events/events.repository.ts';
import { deleteSlaPolicyRow, findSlaPolicy } from '../sla-policies.repository.ts';
import { deleteTicketSlasOfPolicy } from '../ticket-slas.repository.ts';

export async function deleteSlaPolicy(
  deps: Pick<Deps, 'clock'>,
  trx: Kysely<DB>,
  actor: Actor,
  input: { policyId: string },
): Promise<void> {
  const ws = actor.workspaceId;
  const policy = await findSlaPolicy(trx, ws, input.policyId, { lock: 'update' });
  if (!policy) throw new DomainError('SLA_POLICY_NOT_FOUND', `SLA policy ${input.policyId} does not exist.`);
  const ticketIds = await deleteTicketSlasOfPolicy(trx, ws, policy.id);
  await deleteSlaPolicyRow(trx, ws, policy.id);
  await appendEvents(trx, actor, deps.clock.now(), [
    {
      subjectType: 'sla_policy',
      subjectId: policy.id,
      type: 'sla_policy.deleted',
      data: { name: policy.name },
    },
    ...ticketIds.map((ticketId) => ({
      subjectType: 'ticket' as const,
      subjectId: ticketId,
      type: 'sla.policy_removed',
      data: { policyId: policy.id, name: policy.name },
    })),
  ]);
}
