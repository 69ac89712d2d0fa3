/**
 * Creates a rule in a rule set, validated as a whole (see check-rule.ts), at the end of the
 * set or at the position asked for. The set row is locked so concurrent writers of one set
 * place their rules one after the other.
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
import { toRuleStatsDto } from '../rule-log.repository.ts';
import {
  findRule,
  findRuleSet,
  insertRuleRow,
  listRules,
  toRuleDto,
  writePositions,
} from '../rules-admin.repository.ts';
import { ruleValuesOf } from './rule-values.ts';

export async function createRule(
  deps: Pick<Deps, 'clock' | 'ids'>,
  trx: Kysely<DB>,
  actor: Actor,
  body: unknown,
): Promise<RuleDto> {
  const ws = actor.workspaceId;
  const { ruleSetId, position, rule: ruleBody, errors } = splitRuleBody(body, { isSetRequired: true });
  const set = ruleSetId ? await findRuleSet(trx, ws, ruleSetId, { forUpdate: true }) : undefined;
  if (ruleSetId && !set) errors.push({ pointer: '/ruleSetId', message: `Unknown rule set '${ruleSetId}'.` });
  const id = deps.ids.next();
  const checked = await validateRuleBody(trx, ws, {
    ruleId: id,
    body: ruleBody,
    setKind: set?.kind,
    extraErrors: errors,
  });
  if (!set) throw validationError(errors);
  await refuseRuleCycles(trx, ws, { ...checked.rule, id });
  const siblings = await listRules(trx, ws, { ruleSetId: set.id });
  const now = deps.clock.now();
  await insertRuleRow(trx, {
    id,
    workspace_id: ws,
    rule_set_id: set.id,
    position: siblings.length,
    ...ruleValuesOf(checked),
    created_at: now,
    updated_at: now,
  });
  await writePositions(trx, 'rules', {
    workspaceId: ws,
    ids: placeAt(
      siblings.map((r) => r.id),
      id,
      position,
    ),
    current: new Map([...siblings.map((r) => [r.id, r.position] as const), [id, siblings.length]]),
    at: now,
  });
  const row = (await findRule(trx, ws, id))!;
  // A new time rule must reach the tickets that already exist, not only those that change.
  if (row.kind === 'time') await refreshTimeRuleTimers(trx, { workspaceId: ws, ruleIds: [id] });
  await appendEvents(trx, actor, now, [
    {
      subjectType: 'rule',
      subjectId: id,
      type: 'rule.created',
      data: {
        ruleSetId: set.id,
        name: row.name,
        kind: row.kind,
        enabled: row.enabled,
        position: row.position,
      },
    },
  ]);
  return toRuleDto(row, toRuleStatsDto(undefined));
}
