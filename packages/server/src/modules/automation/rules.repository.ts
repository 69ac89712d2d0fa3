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

/** Changes whenever any rule or rule set of the workspace changes (a trigger counts them): the compile cache key. */
export async function ruleVersion(db: Kysely<DB>, workspaceId: string): Promise<string> {
  const row = await db
    .selectFrom('workspaces')
    .select('rules_version')
    .where('id', '=', workspaceId)
    .executeTakeFirst();
  return String(row?.rules_version ?? '');
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

/**
 * Adds evaluations to the per-rule counters: one row per rule, however many evaluations of
 * it `results` holds (an upsert may touch each row only once per statement).
 */
export async function bumpRuleStats(
  db: Kysely<DB>,
  workspaceId: string,
  results: readonly RuleRunResult[],
  at: Date,
) {
  type Counters = { runs: number; matches: number; failures: number; durationUs: number };
  const byRule = new Map<string, Counters>();
  for (const r of results) {
    if (r.outcome === 'skipped') continue;
    const c = byRule.get(r.ruleId) ?? { runs: 0, matches: 0, failures: 0, durationUs: 0 };
    c.runs++;
    if (r.outcome === 'matched' || r.outcome === 'failed') c.matches++;
    if (r.outcome === 'failed') c.failures++;
    c.durationUs += r.durationUs ?? 0;
    byRule.set(r.ruleId, c);
  }
  if (byRule.size === 0) return;
  await db
    .insertInto('rule_stats')
    .values(
      [...byRule].map(([ruleId, c]) => ({
        workspace_id: workspaceId,
        rule_id: ruleId,
        runs: c.runs,
        matches: c.matches,
        failures: c.failures,
        total_duration_us: c.durationUs,
        last_run_at: at,
        last_matched_at: c.matches > c.failures ? at : null,
        last_failed_at: c.failures > 0 ? at : null,
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
