/** SQL for rule sets and rules as the engine reads them, plus the run log and counters. */
import type { Rule, RuleKind, RuleSet, StoredRule } from '@switchboard/core';
import { type Kysely, type Selectable, sql } from 'kysely';
import type { DB, RulesTable } from '../../db/schema.ts';

export type RuleRow = Selectable<RulesTable>;

/** The stored row as the engine's rule; rows were validated with validateRule when saved. */
export function toStoredRule(row: RuleRow): StoredRule {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    kind: row.kind,
    enabled: row.enabled,
    events: (row.events as Rule['events']) ?? null,
    ignoreOwnChanges: row.ignore_own_changes,
    conditions: row.conditions as Rule['conditions'],
    actions: row.actions as unknown as Rule['actions'],
  };
}

export type LoadedRuleSet = RuleSet & { id: string; name: string };

/** Enabled rule sets of one kind, in order, each with its enabled rules in order. */
export async function loadRuleSets(
  db: Kysely<DB>,
  workspaceId: string,
  kind: RuleKind,
): Promise<LoadedRuleSet[]> {
  const sets = await db
    .selectFrom('rule_sets')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('kind', '=', kind)
    .where('enabled', '=', true)
    .orderBy('position')
    .orderBy('id')
    .execute();
  if (sets.length === 0) return [];
  const rules = await db
    .selectFrom('rules')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where(
      'rule_set_id',
      'in',
      sets.map((s) => s.id),
    )
    .where('enabled', '=', true)
    .orderBy('position')
    .orderBy('id')
    .execute();
  return sets.map((set) => ({
    id: set.id,
    name: set.name,
    mode: set.mode,
    rules: rules.filter((r) => r.rule_set_id === set.id).map(toStoredRule),
  }));
}

/** Changes whenever any rule or rule set of the workspace changes: the compile cache key. */
export async function ruleVersion(db: Kysely<DB>, workspaceId: string): Promise<string> {
  const { rows } = await sql<{ v: string | null }>`
    select concat(
      (select max(updated_at)::text || count(*)::text from rules where workspace_id = ${workspaceId}), '/',
      (select max(updated_at)::text || count(*)::text from rule_sets where workspace_id = ${workspaceId})) as v`.execute(
    db,
  );
  return rows[0]?.v ?? '';
}

export type RuleRunResult = {
  ruleId: string;
  outcome: 'matched' | 'not_matched' | 'skipped' | 'failed';
  effects?: unknown[];
  error?: string;
  skipReason?: string;
  durationUs?: number;
};

/**
 * Records one evaluation; returns false if this event was already evaluated for this kind
 * and depth (a redelivered job), in which case the caller must not apply anything.
 */
export async function insertRuleRun(
  db: Kysely<DB>,
  run: {
    workspaceId: string;
    ticketId: string;
    eventId: number | null;
    kind: RuleKind;
    cascadeDepth: number;
    results: RuleRunResult[];
    durationUs: number;
    at: Date;
  },
): Promise<boolean> {
  const inserted = await db
    .insertInto('rule_runs')
    .values({
      workspace_id: run.workspaceId,
      ticket_id: run.ticketId,
      event_id: run.eventId,
      kind: run.kind,
      cascade_depth: run.cascadeDepth,
      results: JSON.stringify(run.results),
      matched_rule_ids: run.results.filter((r) => r.outcome === 'matched').map((r) => r.ruleId),
      failed_rule_ids: run.results.filter((r) => r.outcome === 'failed').map((r) => r.ruleId),
      duration_us: run.durationUs,
      created_at: run.at,
    })
    .onConflict((oc) => oc.doNothing())
    .returning('id')
    .executeTakeFirst();
  return inserted !== undefined;
}

export async function bumpRuleStats(db: Kysely<DB>, workspaceId: string, results: RuleRunResult[], at: Date) {
  const counted = results.filter((r) => r.outcome !== 'skipped');
  if (counted.length === 0) return;
  await db
    .insertInto('rule_stats')
    .values(
      counted.map((r) => ({
        workspace_id: workspaceId,
        rule_id: r.ruleId,
        runs: 1,
        matches: r.outcome === 'matched' || r.outcome === 'failed' ? 1 : 0,
        failures: r.outcome === 'failed' ? 1 : 0,
        total_duration_us: r.durationUs ?? 0,
        last_run_at: at,
        last_matched_at: r.outcome === 'matched' ? at : null,
        last_failed_at: r.outcome === 'failed' ? at : null,
      })),
    )
    .onConflict((oc) =>
      oc.columns(['workspace_id', 'rule_id']).doUpdateSet({
        runs: sql`rule_stats.runs + excluded.runs`,
        matches: sql`rule_stats.matches + excluded.matches`,
        failures: sql`rule_stats.failures + excluded.failures`,
        total_duration_us: sql`rule_stats.total_duration_us + excluded.total_duration_us`,
        last_run_at: sql`excluded.last_run_at`,
        last_matched_at: sql`coalesce(excluded.last_matched_at, rule_stats.last_matched_at)`,
        last_failed_at: sql`coalesce(excluded.last_failed_at, rule_stats.last_failed_at)`,
      }),
    )
    .execute();
}
