/**
 * Sets the order in which policies are tried. The ids must name every policy of the
 * workspace exactly once. Tickets with clocks are marked for the sweep, as the first
 * matching policy may now be another one.
 */
import { type SlaPolicyDto, validationError } from '@switchboard/core';
import type { Kysely } from 'kysely';
import type { DB } from '../../../db/schema.ts';
import type { Actor } from '../../../platform/actor.ts';
import type { Deps } from '../../../platform/deps.ts';
import { appendEvents } from '../../events/events.repository.ts';
import { listSlaPolicies, setSlaPolicyPosition, toSlaPolicyDto } from '../sla-policies.repository.ts';
import { markTicketSlasStale } from '../ticket-slas.repository.ts';

export async function reorderSlaPolicies(
  deps: Pick<Deps, 'clock'>,
  trx: Kysely<DB>,
  actor: Actor,
  input: { ids: string[] },
): Promise<SlaPolicyDto[]> {
  const ws = actor.workspaceId;
  const policies = await listSlaPolicies(trx, ws, { lock: true });
  const known = new Set(policies.map((p) => p.id));
  const given = new Set(input.ids);
  const errors = input.ids.flatMap((id, index) =>
    known.has(id) ? [] : [{ pointer: `/ids/${index}`, message: 'no such SLA policy' }],
  );
  if (given.size !== input.ids.length) errors.push({ pointer: '/ids', message: 'lists a policy twice' });
  const missing = policies.filter((p) => !given.has(p.id)).map((p) => p.id);
  if (missing.length > 0) errors.push({ pointer: '/ids', message: `leaves out ${missing.join(', ')}` });
  if (errors.length > 0) throw validationError(errors);
  const now = deps.clock.now();
  for (const [position, id] of input.ids.entries()) await setSlaPolicyPosition(trx, ws, id, position, now);
  await markTicketSlasStale(trx, ws, 'all', now);
  await appendEvents(trx, actor, now, [
    { subjectType: 'workspace', subjectId: ws, type: 'sla_policies.reordered', data: { ids: input.ids } },
  ]);
  return (await listSlaPolicies(trx, ws)).map(toSlaPolicyDto);
}
