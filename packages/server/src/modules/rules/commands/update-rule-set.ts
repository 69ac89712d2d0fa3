/** Renames a rule set, changes its mode, enables or disables it, or moves it among its kind. */
import { DomainError, type RuleSetDto, type UpdateRuleSetInput } from '@switchboard/core';
import type { Kysely } from 'kysely';
import type { DB } from '../../../db/schema.ts';
import type { Actor } from '../../../platform/actor.ts';
import type { Deps } from '../../../platform/deps.ts';
import { appendEvents } from '../../events/events.repository.ts';
import { refreshTimeRuleTimers } from '../../time-rules/refresh-time-rule-timers.ts';
import { placeAt } from '../placement.ts';
import {
  findRuleSet,
  listRuleIdsOfSets,
  listRuleSets,
  type RuleSetRow,
  toRuleSetDto,
  updateRuleSetRow,
  writePositions,
} from '../rules-admin.repository.ts';

export async function lockRuleSet(trx: Kysely<DB>, workspaceId: string, id: string): Promise<RuleSetRow> {
  const set = await findRuleSet(trx, workspaceId, id, { forUpdate: true });
  if (!set) throw new DomainError('RULE_SET_NOT_FOUND', `Rule set ${id} does not exist.`);
  return set;
}

export async function updateRuleSet(
  deps: Pick<Deps, 'clock'>,
  trx: Kysely<DB>,
  actor: Actor,
  input: { ruleSetId: string; changes: UpdateRuleSetInput },
): Promise<RuleSetDto> {
  const ws = actor.workspaceId;
  const set = await lockRuleSet(trx, ws, input.ruleSetId);
  const changes: Record<string, { from: unknown; to: unknown }> = {};
  for (const field of ['name', 'mode', 'enabled'] as const) {
    const to = input.changes[field];
    if (to !== undefined && to !== set[field]) changes[field] = { from: set[field], to };
  }
  const now = deps.clock.now();
  if (input.changes.position !== undefined) {
    const siblings = await listRuleSets(trx, ws, { kind: set.kind, forUpdate: true });
    const from = siblings.findIndex((s) => s.id === set.id);
    const order = placeAt(
      siblings.map((s) => s.id),
      set.id,
      input.changes.position,
    );
    if (order.indexOf(set.id) !== from) changes.position = { from, to: order.indexOf(set.id) };
    await writePositions(trx, 'rule_sets', {
      workspaceId: ws,
      ids: order,
      current: new Map(siblings.map((s) => [s.id, s.position] as const)),
      at: now,
    });
  }
  const ruleIds = (await listRuleIdsOfSets(trx, ws, [set.id])).get(set.id) ?? [];
  if (Object.keys(changes).length === 0) return toRuleSetDto(set, ruleIds);
  const updated = await updateRuleSetRow(trx, ws, set.id, {
    ...(input.changes.name !== undefined ? { name: input.changes.name } : {}),
    ...(input.changes.mode !== undefined ? { mode: input.changes.mode } : {}),
    ...(input.changes.enabled !== undefined ? { enabled: input.changes.enabled } : {}),
    updated_at: now,
  });
  await appendEvents(trx, actor, now, [
    { subjectType: 'rule_set', subjectId: set.id, type: 'rule_set.updated', data: { changes } },
  ]);
  if (updated.kind === 'time' && changes.enabled)
    await refreshTimeRuleTimers(trx, { workspaceId: ws, ruleIds });
  return toRuleSetDto(updated, ruleIds);
}
