/** Sets the order of the rules in one set; the request names every rule of the set once. */
import { DomainError, type RuleSetDto } from '@switchboard/core';
import type { Kysely } from 'kysely';
import type { DB } from '../../../db/schema.ts';
import type { Actor } from '../../../platform/actor.ts';
import type { Deps } from '../../../platform/deps.ts';
import { appendEvents } from '../../events/events.repository.ts';
import { checkCompleteOrder } from '../placement.ts';
import { findRuleSet, listRules, toRuleSetDto, writePositions } from '../rules-admin.repository.ts';

export async function reorderRules(
  deps: Pick<Deps, 'clock'>,
  trx: Kysely<DB>,
  actor: Actor,
  input: { ruleSetId: string; ids: string[] },
): Promise<RuleSetDto> {
  const ws = actor.workspaceId;
  const set = await findRuleSet(trx, ws, input.ruleSetId, { forUpdate: true });
  if (!set) throw new DomainError('RULE_SET_NOT_FOUND', `Rule set ${input.ruleSetId} does not exist.`);
  const rules = await listRules(trx, ws, { ruleSetId: set.id });
  const from = rules.map((r) => r.id);
  checkCompleteOrder(from, input.ids, '/ids');
  const now = deps.clock.now();
  const moved = await writePositions(trx, 'rules', {
    workspaceId: ws,
    ids: input.ids,
    current: new Map(rules.map((r) => [r.id, r.position] as const)),
    at: now,
  });
  if (moved.length > 0 && from.some((id, index) => input.ids[index] !== id)) {
    await appendEvents(trx, actor, now, [
      {
        subjectType: 'rule_set',
        subjectId: set.id,
        type: 'rule_set.rules_reordered',
        data: { changes: { ruleIds: { from, to: input.ids } } },
      },
    ]);
  }
  return toRuleSetDto(set, input.ids);
}
