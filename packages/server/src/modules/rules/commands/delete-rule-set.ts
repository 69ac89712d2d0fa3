/**
 * Deletes a rule set with its rules (their counters and timers cascade; the run log keeps
 * its history). One event for the set names the rules that went with it.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../../db/schema.ts';
import type { Actor } from '../../../platform/actor.ts';
import type { Deps } from '../../../platform/deps.ts';
import { appendEvents } from '../../events/events.repository.ts';
import { deleteRuleSetRow, listRuleIdsOfSets } from '../rules-admin.repository.ts';
import { lockRuleSet } from './update-rule-set.ts';

export async function deleteRuleSet(
  deps: Pick<Deps, 'clock'>,
  trx: Kysely<DB>,
  actor: Actor,
  input: { ruleSetId: string },
): Promise<void> {
  const ws = actor.workspaceId;
  const set = await lockRuleSet(trx, ws, input.ruleSetId);
  const ruleIds = (await listRuleIdsOfSets(trx, ws, [set.id])).get(set.id) ?? [];
  await deleteRuleSetRow(trx, ws, set.id);
  await appendEvents(trx, actor, deps.clock.now(), [
    {
      subjectType: 'rule_set',
      subjectId: set.id,
      type: 'rule_set.deleted',
      data: { name: set.name, kind: set.kind, ruleIds },
    },
  ]);
}
