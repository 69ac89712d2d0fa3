/** Test setup: store rules the way the rules API does (validated), without going through HTTP. */
import { type RuleKind, validateRule, validationError } from '@switchboard/core';
import type { Kysely } from 'kysely';
import type { DB } from '../../src/db/schema.ts';
import { uuidV7Ids } from '../../src/platform/ids.ts';

export async function insertRuleSet(
  db: Kysely<DB>,
  workspaceId: string,
  input: { kind: RuleKind; mode?: 'first_match' | 'all_matches'; rules: unknown[] },
): Promise<{ setId: string; ruleIds: string[] }> {
  const now = new Date();
  const setId = uuidV7Ids.next();
  await db
    .insertInto('rule_sets')
    .values({
      id: setId,
      workspace_id: workspaceId,
      kind: input.kind,
      name: `${input.kind} rules`,
      mode: input.mode ?? 'all_matches',
      position: 0,
      enabled: true,
      created_at: now,
      updated_at: now,
    })
    .execute();
  const ruleIds: string[] = [];
  for (const [position, body] of input.rules.entries()) {
    const checked = validateRule(body, { customFields: [] });
    if (!checked.ok) throw validationError(checked.errors);
    const rule = checked.rule;
    const id = uuidV7Ids.next();
    ruleIds.push(id);
    await db
      .insertInto('rules')
      .values({
        id,
        workspace_id: workspaceId,
        rule_set_id: setId,
        position,
        name: rule.name,
        description: rule.description,
        kind: rule.kind,
        enabled: rule.enabled,
        events: rule.events ? [...rule.events] : null,
        ignore_own_changes: rule.ignoreOwnChanges,
        conditions: JSON.stringify(rule.conditions),
        actions: JSON.stringify(rule.actions),
        time_anchor: null,
        created_at: now,
        updated_at: now,
      })
      .execute();
  }
  return { setId, ruleIds };
}
