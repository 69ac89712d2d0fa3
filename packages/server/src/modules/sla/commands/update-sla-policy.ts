/**
 * Changes an SLA policy; the merged policy is validated as a whole. So that due times stay
 * exact, unsolved tickets whose clocks may change are marked for the sweep to recompute:
 * those under this policy when targets, calendar or warning change, every ticket with
 * clocks when conditions or enabled change (the choice of policy may change).
 */
import { isDeepStrictEqual } from 'node:util';
import { DomainError, type SlaPolicyDto, type UpdateSlaPolicyInput } from '@switchboard/core';
import type { Kysely } from 'kysely';
import type { DB } from '../../../db/schema.ts';
import type { Actor } from '../../../platform/actor.ts';
import type { Deps } from '../../../platform/deps.ts';
import { appendEvents } from '../../events/events.repository.ts';
import { checkSlaPolicy } from '../check-sla-policy.ts';
import {
  findSlaPolicy,
  type SlaPolicyRow,
  toSlaPolicyDto,
  updateSlaPolicyRow,
} from '../sla-policies.repository.ts';
import { markTicketSlasStale } from '../ticket-slas.repository.ts';

/**
 * FOR NO KEY UPDATE: clocks being saved elsewhere hold a key-share lock on the policy (the
 * foreign key) and must neither wait for nor deadlock with an admin's edit.
 */
export async function lockSlaPolicy(trx: Kysely<DB>, workspaceId: string, id: string): Promise<SlaPolicyRow> {
  const policy = await findSlaPolicy(trx, workspaceId, id, { lock: 'no_key_update' });
  if (!policy) throw new DomainError('SLA_POLICY_NOT_FOUND', `SLA policy ${id} does not exist.`);
  return policy;
}

const selectionFields = new Set(['conditions', 'enabled']);
const clockFields = new Set(['targets', 'calendarId', 'warnBeforeMinutes']);

export async function updateSlaPolicy(
  deps: Pick<Deps, 'clock'>,
  trx: Kysely<DB>,
  actor: Actor,
  input: { policyId: string; changes: UpdateSlaPolicyInput },
): Promise<SlaPolicyDto> {
  const ws = actor.workspaceId;
  const row = await lockSlaPolicy(trx, ws, input.policyId);
  const current = toSlaPolicyDto(row);
  const values = await checkSlaPolicy(trx, ws, { ...current, ...definedOf(input.changes) });
  const next = toSlaPolicyDto({ ...row, ...values });
  const changes: Record<string, { from: unknown; to: unknown }> = {};
  for (const field of [
    'name',
    'description',
    'enabled',
    'conditions',
    'targets',
    'calendarId',
    'warnBeforeMinutes',
  ] as const) {
    if (!isDeepStrictEqual(current[field], next[field]))
      changes[field] = { from: current[field], to: next[field] };
  }
  if (Object.keys(changes).length === 0) return current;
  const now = deps.clock.now();
  const updated = await updateSlaPolicyRow(trx, ws, row.id, { ...values, updated_at: now });
  const changed = Object.keys(changes);
  if (changed.some((f) => selectionFields.has(f))) await markTicketSlasStale(trx, ws, 'all', now);
  else if (changed.some((f) => clockFields.has(f))) await markTicketSlasStale(trx, ws, [row.id], now);
  await appendEvents(trx, actor, now, [
    { subjectType: 'sla_policy', subjectId: row.id, type: 'sla_policy.updated', data: { changes } },
  ]);
  return toSlaPolicyDto(updated);
}

function definedOf<T extends object>(changes: T): Partial<T> {
  return Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined)) as Partial<T>;
}
