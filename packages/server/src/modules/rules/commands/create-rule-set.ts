/** Creates a rule set, last among the sets of its kind or at the position asked for. */
import type { CreateRuleSetInput, RuleSetDto } from '@switchboard/core';
import type { Kysely } from 'kysely';
import type { DB } from '../../../db/schema.ts';
import type { Actor } from '../../../platform/actor.ts';
import type { Deps } from '../../../platform/deps.ts';
import { appendEvents } from '../../events/events.repository.ts';
import { placeAt } from '../placement.ts';
import {
  findRuleSet,
  insertRuleSetRow,
  listRuleSets,
  toRuleSetDto,
  writePositions,
} from '../rules-admin.repository.ts';

export async function createRuleSet(
  deps: Pick<Deps, 'clock' | 'ids'>,
  trx: Kysely<DB>,
  actor: Actor,
  input: CreateRuleSetInput,
): Promise<RuleSetDto> {
  const ws = actor.workspaceId;
  // Locking the kind's sets serialises concurrent placements among them.
  const siblings = await listRuleSets(trx, ws, { kind: input.kind, forUpdate: true });
  const now = deps.clock.now();
  const id = deps.ids.next();
  await insertRuleSetRow(trx, {
    id,
    workspace_id: ws,
    kind: input.kind,
    name: input.name,
    mode: input.mode,
    enabled: input.enabled,
    position: siblings.length,
    created_at: now,
    updated_at: now,
  });
  await writePositions(trx, 'rule_sets', {
    workspaceId: ws,
    ids: placeAt(
      siblings.map((s) => s.id),
      id,
      input.position,
    ),
    current: new Map([...siblings.map((s) => [s.id, s.position] as const), [id, siblings.length]]),
    at: now,
  });
  const set = (await findRuleSet(trx, ws, id))!;
  await appendEvents(trx, actor, now, [
    {
      subjectType: 'rule_set',
      subjectId: id,
      type: 'rule_set.created',
      data: { name: set.name, kind: set.kind, mode: set.mode, enabled: set.enabled, position: set.position },
    },
  ]);
  return toRuleSetDto(set, []);
}
