/** Sets the run order of the rule sets of one kind; the request names each of them once. */
import type { RuleKind, RuleSetDto } from '@switchboard/core';
import type { Kysely } from 'kysely';
import type { DB } from '../../../db/schema.ts';
import type { Actor } from '../../../platform/actor.ts';
import type { Deps } from '../../../platform/deps.ts';
import { appendEvents } from '../../events/events.repository.ts';
import { checkCompleteOrder } from '../placement.ts';
import { listRuleIdsOfSets, listRuleSets, toRuleSetDto, writePositions } from '../rules-admin.repository.ts';

export async function reorderRuleSets(
  deps: Pick<Deps, 'clock'>,
  trx: Kysely<DB>,
  actor: Actor,
  input: { kind: RuleKind; ids: string[] },
): Promise<RuleSetDto[]> {
  const ws = actor.workspaceId;
  const sets = await listRuleSets(trx, ws, { kind: input.kind, forUpdate: true });
  const from = sets.map((s) => s.id);
  checkCompleteOrder(from, input.ids, '/ids');
  const now = deps.clock.now();
  await writePositions(trx, 'rule_sets', {
    workspaceId: ws,
    ids: input.ids,
    current: new Map(sets.map((s) => [s.id, s.position] as const)),
    at: now,
  });
  const moved = input.ids.flatMap((id, to) => {
    const index = from.indexOf(id);
    return index === to ? [] : [{ id, from: index, to }];
  });
  await appendEvents(
    trx,
    actor,
    now,
    moved.map((m) => ({
      subjectType: 'rule_set' as const,
      subjectId: m.id,
      type: 'rule_set.updated',
      data: { changes: { position: { from: m.from, to: m.to } } },
    })),
  );
  const reordered = await listRuleSets(trx, ws, { kind: input.kind });
  const ruleIds = await listRuleIdsOfSets(
    trx,
    ws,
    reordered.map((s) => s.id),
  );
  return reordered.map((s) => toRuleSetDto(s, ruleIds.get(s.id) ?? []));
}
