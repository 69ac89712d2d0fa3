/**
 * Changes a rule: the request's fields are merged into the stored rule and the result is
 * validated whole, so a change to `kind` alone is judged with the conditions it would run.
 * `ruleSetId` moves it to another set of its kind (last, unless `position` says where);
 * `position` alone moves it within its set.
 */
import { type RuleDto, validationError } from '@switchboard/core';
import type { Kysely } from 'kysely';
import type { DB } from '../../../db/schema.ts';
import type { Actor } from '../../../platform/actor.ts';
import type { Deps } from '../../../platform/deps.ts';
import { appendEvents } from '../../events/events.repository.ts';
import { refreshTimeRuleTimers } from '../../time-rules/refresh-time-rule-timers.ts';
import { refuseRuleCycles, validateRuleBody } from '../check-rule.ts';
import { placeAt } from '../placement.ts';
import { splitRuleBody } from '../rule-body.ts';
import { findRuleStats } from '../rule-log.repository.ts';
import {
  findRule,
  findRuleSet,
  listRules,
  toRuleDto,
  updateRuleRow,
  writePositions,
} from '../rules-admin.repository.ts';
import { bodyOfRule, diffRuleBodies, lockRule, ruleBodyOf, ruleValuesOf } from './rule-values.ts';

export async function updateRule(
  deps: Pick<Deps, 'clock'>,
  trx: Kysely<DB>,
  actor: Actor,
  input: { ruleId: string; body: unknown },
): Promise<RuleDto> {
  const ws = actor.workspaceId;
  const current = await lockRule(trx, ws, input.ruleId);
  const { ruleSetId, position, rule: patch, errors } = splitRuleBody(input.body, { isSetRequired: false });
  const set = await findRuleSet(trx, ws, ruleSetId ?? current.rule_set_id, { forUpdate: true });
  if (!set) errors.push({ pointer: '/ruleSetId', message: `Unknown rule set '${ruleSetId}'.` });
  const merged: Record<string, unknown> = { ...ruleBodyOf(current), ...patch };
  // `events: null` clears the filter: the rule then runs on every update event.
  if (merged.events === null) delete merged.events;
  const checked = await validateRuleBody(trx, ws, {
    ruleId: current.id,
    body: merged,
    setKind: set?.kind,
    extraErrors: errors,
  });
  if (!set) throw validationError(errors);
  await refuseRuleCycles(trx, ws, { ...checked.rule, id: current.id });

  const changes = diffRuleBodies(ruleBodyOf(current), bodyOfRule(checked.rule));
  const isMoved = set.id !== current.rule_set_id;
  if (isMoved) changes.ruleSetId = { from: current.rule_set_id, to: set.id };
  const inSet = await listRules(trx, ws, { ruleSetId: set.id });
  const index = inSet.findIndex((r) => r.id === current.id);
  const siblings = inSet.filter((r) => r.id !== current.id);
  const order = placeAt(
    siblings.map((r) => r.id),
    current.id,
    position ?? (index >= 0 ? index : undefined),
  );
  if (isMoved || order.indexOf(current.id) !== index)
    changes.position = { from: isMoved ? current.position : index, to: order.indexOf(current.id) };
  if (Object.keys(changes).length === 0) {
    return toRuleDto(current, (await findRuleStats(trx, ws, [current.id])).get(current.id)!);
  }

  const now = deps.clock.now();
  await updateRuleRow(trx, ws, current.id, {
    ...ruleValuesOf(checked),
    rule_set_id: set.id,
    position: current.position,
    updated_at: now,
  });
  await writePositions(trx, 'rules', {
    workspaceId: ws,
    ids: order,
    current: new Map(inSet.map((r) => [r.id, r.position] as const)),
    at: now,
  });
  await appendEvents(trx, actor, now, [
    { subjectType: 'rule', subjectId: current.id, type: 'rule.updated', data: { changes } },
  ]);
  const row = (await findRule(trx, ws, current.id))!;
  // Changed hours, conditions or enabling move the due instants of existing tickets.
  if (row.kind === 'time') await refreshTimeRuleTimers(trx, { workspaceId: ws, ruleIds: [row.id] });
  return toRuleDto(row, (await findRuleStats(trx, ws, [row.id])).get(row.id)!);
}
