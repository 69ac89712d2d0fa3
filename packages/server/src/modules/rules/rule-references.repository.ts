/**
 * What a rule may refer to in its workspace: the ids its actions and conditions name (users,
 * teams, rules, SLA policies, webhooks, canned responses) and the custom field definitions.
 * validateRule checks a rule against these, so a rule naming another workspace's team, or a
 * deleted one, is refused when saved rather than failing when it fires.
 */
import type { KnownIds, RuleValidationContext } from '@switchboard/core';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { listCustomFieldDefinitions } from '../custom-fields/custom-fields.repository.ts';

type IdTable = 'users' | 'teams' | 'rules' | 'sla_policies' | 'webhooks' | 'canned_responses';

async function idsOf(db: Kysely<DB>, table: IdTable, workspaceId: string): Promise<Set<string>> {
  const rows = await db.selectFrom(table).select('id').where('workspace_id', '=', workspaceId).execute();
  return new Set(rows.map((row) => row.id));
}

/** The validation context of a rule being saved; `ruleId` (its own id) counts as a known rule. */
export async function loadRuleValidationContext(
  db: Kysely<DB>,
  workspaceId: string,
  ruleId: string,
): Promise<RuleValidationContext> {
  const rules = await idsOf(db, 'rules', workspaceId);
  rules.add(ruleId);
  const knownIds: KnownIds = {
    users: await idsOf(db, 'users', workspaceId),
    teams: await idsOf(db, 'teams', workspaceId),
    rules,
    slaPolicies: await idsOf(db, 'sla_policies', workspaceId),
    webhooks: await idsOf(db, 'webhooks', workspaceId),
    cannedResponses: await idsOf(db, 'canned_responses', workspaceId),
  };
  return { customFields: await listCustomFieldDefinitions(db, workspaceId), knownIds };
}
