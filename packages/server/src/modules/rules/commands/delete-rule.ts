/**
 * Deletes a rule. Its counters and time-rule timers go with it (foreign keys cascade); its
 * entries in the run log stay, as history of what it did.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../../db/schema.ts';
import type { Actor } from '../../../platform/actor.ts';
import type { Deps } from '../../../platform/deps.ts';
import { appendEvents } from '../../events/events.repository.ts';
import { deleteRuleRow } from '../rules-admin.repository.ts';
import { lockRule } from './rule-values.ts';

export async function deleteRule(
  deps: Pick<Deps, 'clock'>,
  trx: Kysely<DB>,
  actor: Actor,
  input: { ruleId: string },
): Promise<void> {
  const ws = actor.workspaceId;
  const rule = await lockRule(trx, ws, input.ruleId);
  await deleteRuleRow(trx, ws, rule.id);
  await appendEvents(trx, actor, deps.clock.now(), [
    {
      subjectType: 'rule',
      subjectId: rule.id,
      type: 'rule.deleted',
      data: { name: rule.name, kind: rule.kind, ruleSetId: rule.rule_set_id },
    },
  ]);
}
