/**
 * SQL for administering rule sets and rules. The engine reads them through
 * automation/rules.repository.ts; every write here bumps `updated_at`, which is how the
 * engine's compile cache (keyed on max(updated_at) and count) notices the change.
 */
import type { RuleDto, RuleKind, RuleSetDto, RuleStatsDto, TimeAnchor } from '@switchboard/core';
import type { Insertable, Kysely, Selectable } from 'kysely';
import type { DB, RuleSetsTable, RulesTable } from '../../db/schema.ts';
import type { RuleRow } from '../automation/rules.repository.ts';

export type RuleSetRow = Selectable<RuleSetsTable>;

export function toRuleSetDto(row: RuleSetRow, ruleIds: readonly string[]): RuleSetDto {
  return {
    id: row.id,
    name: row.name,
    kind: row.kind,
    mode: row.mode,
    enabled: row.enabled,
    position: row.position,
    ruleIds: [...ruleIds],
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

export async function findRuleSet(
  db: Kysely<DB>,
  workspaceId: string,
  id: string,
  options: { forUpdate?: boolean } = {},
): Promise<RuleSetRow | undefined> {
  let q = db.selectFrom('rule_sets').selectAll().where('workspace_id', '=', workspaceId).where('id', '=', id);
  if (options.forUpdate) q = q.forUpdate();
  return q.executeTakeFirst();
}

/** Rule sets by kind, then in their run order. */
export async function listRuleSets(
  db: Kysely<DB>,
  workspaceId: string,
  filter: { kind?: RuleKind; forUpdate?: boolean } = {},
): Promise<RuleSetRow[]> {
  let q = db.selectFrom('rule_sets').selectAll().where('workspace_id', '=', workspaceId);
  if (filter.kind) q = q.where('kind', '=', filter.kind);
  if (filter.forUpdate) q = q.forUpdate();
  return q.orderBy('kind').orderBy('position').orderBy('id').execute();
}

/** The rule ids of each set, in run order. */
export async function listRuleIdsOfSets(
  db: Kysely<DB>,
  workspaceId: string,
  setIds: readonly string[],
): Promise<Map<string, string[]>> {
  const result = new Map<string, string[]>(setIds.map((id) => [id, []]));
  if (setIds.length === 0) return result;
  const rows = await db
    .selectFrom('rules')
    .select(['id', 'rule_set_id'])
    .where('workspace_id', '=', workspaceId)
    .where('rule_set_id', 'in', setIds)
    .orderBy('position')
    .orderBy('id')
    .execute();
  for (const row of rows) result.get(row.rule_set_id)?.push(row.id);
  return result;
}

export async function insertRuleSetRow(db: Kysely<DB>, row: Insertable<RuleSetsTable>): Promise<RuleSetRow> {
  return db.insertInto('rule_sets').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function updateRuleSetRow(
  db: Kysely<DB>,
  workspaceId: string,
  id: string,
  patch: Partial<Pick<RuleSetRow, 'name' | 'mode' | 'enabled'>> & { updated_at: Date },
): Promise<RuleSetRow> {
  return db
    .updateTable('rule_sets')
    .set(patch)
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Deletes the set; its rules, their counters and timers go by cascade. */
export async function deleteRuleSetRow(db: Kysely<DB>, workspaceId: string, id: string): Promise<void> {
  await db.deleteFrom('rule_sets').where('workspace_id', '=', workspaceId).where('id', '=', id).execute();
}

export type PositionChange = { id: string; from: number | null; to: number };

/**
 * Writes positions 0..n-1 in the order given, touching only rows whose position moves;
 * returns those moves for the events.
 */
export async function writePositions(
  db: Kysely<DB>,
  table: 'rules' | 'rule_sets',
  input: { workspaceId: string; ids: readonly string[]; current: ReadonlyMap<string, number>; at: Date },
): Promise<PositionChange[]> {
  const moved: PositionChange[] = [];
  for (const [position, id] of input.ids.entries()) {
    const from = input.current.get(id) ?? null;
    if (from === position) continue;
    moved.push({ id, from, to: position });
    await db
      .updateTable(table)
      .set({ position, updated_at: input.at })
      .where('workspace_id', '=', input.workspaceId)
      .where('id', '=', id)
      .execute();
  }
  return moved;
}

export function toRuleDto(row: RuleRow, stats: RuleStatsDto): RuleDto {
  return {
    id: row.id,
    ruleSetId: row.rule_set_id,
    position: row.position,
    name: row.name,
    description: row.description,
    kind: row.kind,
    enabled: row.enabled,
    events: row.events,
    ignoreOwnChanges: row.ignore_own_changes,
    conditions: row.conditions,
    actions: row.actions,
    timeAnchor: (row.time_anchor as TimeAnchor | null) ?? null,
    stats,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

export async function findRule(
  db: Kysely<DB>,
  workspaceId: string,
  id: string,
  options: { forUpdate?: boolean } = {},
): Promise<RuleRow | undefined> {
  let q = db.selectFrom('rules').selectAll().where('workspace_id', '=', workspaceId).where('id', '=', id);
  if (options.forUpdate) q = q.forUpdate();
  return q.executeTakeFirst();
}

export type RuleFilter = { kind?: RuleKind; ruleSetId?: string; enabled?: boolean };

/** Rules in the order the engine runs them: kind, set position, rule position. */
export async function listRules(db: Kysely<DB>, workspaceId: string, filter: RuleFilter): Promise<RuleRow[]> {
  let q = db
    .selectFrom('rules')
    .innerJoin('rule_sets', (join) =>
      join
        .onRef('rule_sets.id', '=', 'rules.rule_set_id')
        .onRef('rule_sets.workspace_id', '=', 'rules.workspace_id'),
    )
    .selectAll('rules')
    .where('rules.workspace_id', '=', workspaceId);
  if (filter.kind) q = q.where('rules.kind', '=', filter.kind);
  if (filter.ruleSetId) q = q.where('rules.rule_set_id', '=', filter.ruleSetId);
  if (filter.enabled !== undefined) q = q.where('rules.enabled', '=', filter.enabled);
  return q
    .orderBy('rules.kind')
    .orderBy('rule_sets.position')
    .orderBy('rule_sets.id')
    .orderBy('rules.position')
    .orderBy('rules.id')
    .execute();
}

/** Enabled update rules: the ones whose changes can re-trigger each other. */
export async function listEnabledUpdateRules(db: Kysely<DB>, workspaceId: string): Promise<RuleRow[]> {
  return db
    .selectFrom('rules')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('kind', '=', 'update')
    .where('enabled', '=', true)
    .orderBy('id')
    .execute();
}

export type RuleValues = Omit<
  Insertable<RulesTable>,
  'id' | 'workspace_id' | 'created_at' | 'time_anchor'
> & {
  time_anchor: TimeAnchor | null;
};

export async function insertRuleRow(
  db: Kysely<DB>,
  row: RuleValues & { id: string; workspace_id: string; created_at: Date },
): Promise<RuleRow> {
  return db
    .insertInto('rules')
    .values({ ...row, time_anchor: row.time_anchor ? JSON.stringify(row.time_anchor) : null })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function updateRuleRow(
  db: Kysely<DB>,
  workspaceId: string,
  id: string,
  values: RuleValues,
): Promise<RuleRow> {
  return db
    .updateTable('rules')
    .set({ ...values, time_anchor: values.time_anchor ? JSON.stringify(values.time_anchor) : null })
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function deleteRuleRow(db: Kysely<DB>, workspaceId: string, id: string): Promise<void> {
  await db.deleteFrom('rules').where('workspace_id', '=', workspaceId).where('id', '=', id).execute();
}
