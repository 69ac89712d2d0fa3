/**
 * What one automation batch (a transaction over many events or due timers) reads once and
 * writes once instead of per event: workspace-level reads that cannot change under it in a
 * way that matters (rule sets, time-rule anchors), and the per-rule counters, which were an
 * upsert of every considered rule for every event (100 rows per event with 100 rules) and
 * are now summed in memory and written in one statement when the batch ends.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { bumpRuleStats, type RuleRunResult } from './rules.repository.ts';

export type BatchScope = {
  /** The value of `load()`, computed once per batch for each key. */
  memo<T>(key: string, load: () => Promise<T>): Promise<T>;
  /** Adds an evaluation's results to the rules' counters (written by `flush`). */
  countRuns(workspaceId: string, results: readonly RuleRunResult[], at: Date): void;
  /** A point to come back to when the work after it is rolled back to a savepoint. */
  mark(): number;
  /** Forgets the runs counted since `mark` (their evaluation was rolled back). */
  discardSince(mark: number): void;
  /** Writes the summed counters; call it in the batch's transaction before it commits. */
  flush(trx: Kysely<DB>): Promise<void>;
};

export function createBatchScope(): BatchScope {
  const memos = new Map<string, Promise<unknown>>();
  const runs: { workspaceId: string; results: readonly RuleRunResult[]; at: Date }[] = [];
  return {
    memo<T>(key: string, load: () => Promise<T>): Promise<T> {
      let value = memos.get(key) as Promise<T> | undefined;
      if (!value) {
        value = load();
        memos.set(key, value);
      }
      return value;
    },
    countRuns(workspaceId, results, at) {
      runs.push({ workspaceId, results, at });
    },
    mark: () => runs.length,
    discardSince(mark) {
      runs.length = mark;
    },
    async flush(trx) {
      const byWorkspace = new Map<string, { results: RuleRunResult[]; at: Date }>();
      for (const run of runs) {
        const entry = byWorkspace.get(run.workspaceId) ?? { results: [], at: run.at };
        entry.results.push(...run.results);
        if (run.at > entry.at) entry.at = run.at;
        byWorkspace.set(run.workspaceId, entry);
      }
      for (const [workspaceId, { results, at }] of byWorkspace)
        await bumpRuleStats(trx, workspaceId, results, at);
      runs.length = 0;
    },
  };
}
