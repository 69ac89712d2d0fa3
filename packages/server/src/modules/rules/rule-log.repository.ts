/**
 * SQL reading the run log (rule_runs: one row per evaluation of the rules for one event,
 * each rule's outcome in `results`) and the per-rule counters (rule_stats). Writes happen in
 * automation/rules.repository.ts, in the transaction that applied the rules.
 */
import type { RuleKind, RuleRunDto, RuleStatsDto, TicketRuleRunDto } from '@switchboard/core';
import { type Kysely, type Selectable, sql } from 'kysely';
import type { DB, RuleRunsTable, RuleStatsTable } from '../../db/schema.ts';
import type { RuleRunResult } from '../automation/rules.repository.ts';

export type RuleRunRow = Selectable<RuleRunsTable>;

export function toRuleStatsDto(row: Selectable<RuleStatsTable> | undefined): RuleStatsDto {
  const runs = Number(row?.runs ?? 0);
  return {
    runs,
    matches: Number(row?.matches ?? 0),
    failures: Number(row?.failures ?? 0),
    lastRunAt: row?.last_run_at?.toISOString() ?? null,
    lastMatchedAt: row?.last_matched_at?.toISOString() ?? null,
    lastFailedAt: row?.last_failed_at?.toISOString() ?? null,
    avgDurationUs: row && runs > 0 ? Math.round(Number(row.total_duration_us) / runs) : null,
  };
}

/** Counters by rule id; a rule never evaluated has no row (and gets zeros). */
export async function findRuleStats(
  db: Kysely<DB>,
  workspaceId: string,
  ruleIds: readonly string[],
): Promise<Map<string, RuleStatsDto>> {
  const result = new Map<string, RuleStatsDto>(ruleIds.map((id) => [id, toRuleStatsDto(undefined)]));
  if (ruleIds.length === 0) return result;
  const rows = await db
    .selectFrom('rule_stats')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('rule_id', 'in', ruleIds)
    .execute();
  for (const row of rows) result.set(row.rule_id, toRuleStatsDto(row));
  return result;
}

function toResultDto(result: RuleRunResult | undefined) {
  return {
    outcome: result?.outcome ?? 'not_matched',
    effects: result?.effects ?? null,
    error: result?.error ?? null,
    skipReason: result?.skipReason ?? null,
    durationUs: result?.durationUs ?? null,
  };
}

const runFields = (row: RuleRunRow) => ({
  id: String(row.id),
  ticketId: row.ticket_id,
  eventId: row.event_id === null ? null : String(row.event_id),
  kind: row.kind,
  cascadeDepth: row.cascade_depth,
});

/** One evaluation as seen from one rule: that rule's outcome, effects and error. */
export function toRuleRunDto(row: RuleRunRow, ruleId: string): RuleRunDto {
  const results = row.results as RuleRunResult[];
  return {
    ...runFields(row),
    ...toResultDto(results.find((r) => r.ruleId === ruleId)),
    createdAt: row.created_at.toISOString(),
  };
}

export function toTicketRuleRunDto(row: RuleRunRow): TicketRuleRunDto {
  return {
    ...runFields(row),
    durationUs: row.duration_us,
    results: (row.results as RuleRunResult[]).map((r) => ({ ruleId: r.ruleId, ...toResultDto(r) })),
    createdAt: row.created_at.toISOString(),
  };
}

export type RunOutcomeFilter = 'fired' | 'matched' | 'failed' | 'any';
type Page = { before?: number | undefined; limit: number };

/**
 * Evaluations that involved the rule, newest first. The id arrays are GIN-indexed for the
 * common case (what did it do); `any` also finds the evaluations where it did not match,
 * by jsonb containment on the results.
 */
export async function listRunsOfRule(
  db: Kysely<DB>,
  workspaceId: string,
  ruleId: string,
  filter: Page & { outcome: RunOutcomeFilter },
): Promise<RuleRunRow[]> {
  const has = (column: 'matched_rule_ids' | 'failed_rule_ids') =>
    sql<boolean>`${sql.ref(column)} @> array[${ruleId}]::uuid[]`;
  const condition = {
    matched: has('matched_rule_ids'),
    failed: has('failed_rule_ids'),
    fired: sql<boolean>`(${has('matched_rule_ids')} or ${has('failed_rule_ids')})`,
    any: sql<boolean>`results @> ${JSON.stringify([{ ruleId }])}::jsonb`,
  }[filter.outcome];
  let q = db.selectFrom('rule_runs').selectAll().where('workspace_id', '=', workspaceId).where(condition);
  if (filter.before !== undefined) q = q.where('id', '<', filter.before as never);
  return q.orderBy('id', 'desc').limit(filter.limit).execute();
}

export async function listRunsOfTicket(
  db: Kysely<DB>,
  workspaceId: string,
  ticketId: string,
  page: Page,
): Promise<RuleRunRow[]> {
  let q = db
    .selectFrom('rule_runs')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('ticket_id', '=', ticketId);
  if (page.before !== undefined) q = q.where('id', '<', page.before as never);
  return q.orderBy('id', 'desc').limit(page.limit).execute();
}

/** Every rule of the workspace with its counters, in run order. */
export async function listStatsOfRules(
  db: Kysely<DB>,
  workspaceId: string,
): Promise<{ ruleId: string; name: string; kind: RuleKind; stats: RuleStatsDto }[]> {
  const rows = await db
    .selectFrom('rules')
    .innerJoin('rule_sets', (join) =>
      join
        .onRef('rule_sets.id', '=', 'rules.rule_set_id')
        .onRef('rule_sets.workspace_id', '=', 'rules.workspace_id'),
    )
    .leftJoin('rule_stats', (join) =>
      join
        .onRef('rule_stats.rule_id', '=', 'rules.id')
        .onRef('rule_stats.workspace_id', '=', 'rules.workspace_id'),
    )
    .select(['rules.id as rule_id', 'rules.name', 'rules.kind'])
    .select([
      'rule_stats.workspace_id',
      'rule_stats.runs',
      'rule_stats.matches',
      'rule_stats.failures',
      'rule_stats.total_duration_us',
      'rule_stats.last_run_at',
      'rule_stats.last_matched_at',
      'rule_stats.last_failed_at',
    ])
    .where('rules.workspace_id', '=', workspaceId)
    .orderBy('rules.kind')
    .orderBy('rule_sets.position')
    .orderBy('rule_sets.id')
    .orderBy('rules.position')
    .orderBy('rules.id')
    .execute();
  return rows.map((row) => ({
    ruleId: row.rule_id,
    name: row.name,
    kind: row.kind,
    stats: toRuleStatsDto(row.workspace_id === null ? undefined : (row as Selectable<RuleStatsTable>)),
  }));
}
