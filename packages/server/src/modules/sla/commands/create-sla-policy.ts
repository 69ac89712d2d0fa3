/**
 * Adds an SLA policy after the existing ones. Tickets already covered keep their policy:
 * they matched an earlier one (or were pinned); tickets with none pick it up at their next event.
 */
import type { CreateSlaPolicyInput, SlaPolicyDto } from '@switchboard/core';
import type { Kysely } from 'kysely';
import type { DB } from '../../../db/schema.ts';
import type { Actor } from '../../../platform/actor.ts';
import type { Deps } from '../../../platform/deps.ts';
import { appendEvents } from '../../events/events.repository.ts';
import { checkSlaPolicy } from '../check-sla-policy.ts';
import { insertSlaPolicy, toSlaPolicyDto } from '../sla-policies.repository.ts';

export async function createSlaPolicy(
  deps: Pick<Deps, 'clock' | 'ids'>,
  trx: Kysely<DB>,
  actor: Actor,
  input: CreateSlaPolicyInput,
): Promise<SlaPolicyDto> {
  const ws = actor.workspaceId;
  const values = await checkSlaPolicy(trx, ws, input);
  const now = deps.clock.now();
  const row = await insertSlaPolicy(trx, { ...values, id: deps.ids.next(), workspace_id: ws, at: now });
  await appendEvents(trx, actor, now, [
    { subjectType: 'sla_policy', subjectId: row.id, type: 'sla_policy.created', data: { name: row.name } },
  ]);
  return toSlaPolicyDto(row);
}
