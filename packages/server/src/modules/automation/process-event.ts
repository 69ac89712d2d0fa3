/**
 * Evaluates the rules for one filed event and applies what fired. Runs inside the batch
 * transaction with the ticket row locked. Every rule considered gets a result in the run log
 * (matched, not_matched, skipped, failed); a rule whose effects fail is rolled back to its
 * savepoint and logged as failed, while the change that triggered it stays committed.
 */
import {
  type CascadeState,
  type CompiledRuleSet,
  compileRuleSet,
  type RuleEventType,
  type RuleFacts,
  type RuleKind,
  runCascadeStep,
} from '@switchboard/core';
import { type Kysely, type Selectable, sql } from 'kysely';
import type { DB, EventsTable } from '../../db/schema.ts';
import type { Actor } from '../../platform/actor.ts';
import { findTicket, type TicketRecord } from '../tickets/tickets.repository.ts';
import type { BatchScope } from './batch-scope.ts';
import { applyRuleEffects } from './effects/apply-effects.ts';
import type { AutomationDeps } from './effects/effect-context.ts';
import { buildRuleFacts, ticketFacts, type WorkspaceAutomationSettings } from './rule-facts.ts';
import {
  bumpRuleStats,
  insertRuleRun,
  type LoadedRuleSet,
  loadRuleSets,
  type RuleRunResult,
  ruleVersion,
} from './rules.repository.ts';

type CacheEntry = { version: string; sets: { set: LoadedRuleSet; compiled: CompiledRuleSet }[] };
// Compiled rule sets per workspace and kind, rebuilt whenever a rule or rule set changes.
const compiledCache = new Map<string, CacheEntry>();

export async function compiledRuleSets(
  db: Kysely<DB>,
  workspaceId: string,
  kind: RuleKind,
  scope?: BatchScope,
) {
  const version = scope
    ? await scope.memo(`rule-version:${workspaceId}`, () => ruleVersion(db, workspaceId))
    : await ruleVersion(db, workspaceId);
  const key = `${workspaceId}:${kind}`;
  const cached = compiledCache.get(key);
  if (cached && cached.version === version) return cached.sets;
  const sets = (await loadRuleSets(db, workspaceId, kind)).map((set) => ({
    set,
    compiled: compileRuleSet(set),
  }));
  compiledCache.set(key, { version, sets });
  return sets;
}

const elapsedUs = (start: number) => Math.round((performance.now() - start) * 1000);

export type EvaluationInput = {
  ticket: TicketRecord;
  event: Selectable<EventsTable> | null;
  eventType: RuleEventType;
  kind: RuleKind;
  settings: WorkspaceAutomationSettings;
  /** Time rules: only these rule ids may run (the ones due). */
  onlyRuleIds?: ReadonlySet<string>;
};

/**
 * Evaluates and applies; returns the results written to the run log. With a batch scope,
 * the rules' counters are summed in it (the caller flushes them before committing).
 */
export async function evaluateAndApply(
  deps: AutomationDeps,
  trx: Kysely<DB>,
  input: EvaluationInput,
  scope?: BatchScope,
): Promise<RuleRunResult[]> {
  const started = performance.now();
  const ws = input.ticket.workspace_id;
  const sets = await compiledRuleSets(trx, ws, input.kind, scope);
  if (sets.length === 0) return [];
  const now = deps.clock.now();
  let facts: RuleFacts = await buildRuleFacts(trx, { ...input, now });
  const incoming = input.event?.cascade ?? null;
  const depth = incoming?.depth ?? 0;
  let cascade: CascadeState = { firedRuleIds: incoming?.firedRuleIds ?? [] };
  const results: RuleRunResult[] = [];
  for (const { set, compiled: all } of sets) {
    // Time sweeps run only the due rules: in a first_match set a matching rule that is not
    // due (it already fired in this window) must not take the match from the one that is.
    const compiled = input.onlyRuleIds
      ? { ...all, entries: all.entries.filter((entry) => input.onlyRuleIds?.has(entry.id)) }
      : all;
    if (compiled.entries.length === 0) continue;
    const evaluated = performance.now();
    const step = runCascadeStep({ ruleSet: compiled, facts, cascade, depth });
    if (step.halted || !step.run) {
      results.push(
        ...set.rules.map((r) => ({
          ruleId: r.id,
          outcome: 'skipped' as const,
          skipReason: 'cascade_depth_exceeded',
        })),
      );
      continue;
    }
    cascade = step.cascade;
    const evalUs = Math.round(elapsedUs(evaluated) / Math.max(step.run.runs.length, 1));
    for (const run of step.run.runs) {
      const result: RuleRunResult = { ruleId: run.ruleId, outcome: run.outcome, durationUs: evalUs };
      if (run.skipReason) result.skipReason = run.skipReason;
      if (run.error) result.error = run.error;
      if (run.outcome === 'matched') {
        const applied = performance.now();
        const actor: Actor = {
          workspaceId: ws,
          type: 'rule',
          id: run.ruleId,
          userId: null,
          role: null,
          via: 'system',
          cascade: { depth: depth + 1, firedRuleIds: [...cascade.firedRuleIds] },
        };
        const error = await inSavepoint(trx, () =>
          applyRuleEffects(
            { deps, trx, actor, ruleId: run.ruleId, ticketId: input.ticket.id, facts },
            run.effects,
          ),
        );
        result.effects = run.effects;
        if (error) {
          result.outcome = 'failed';
          result.error = error;
        }
        result.durationUs = evalUs + elapsedUs(applied);
      }
      results.push(result);
    }
    // The next set sees what this one changed; nothing to re-read after the last set or
    // when nothing fired.
    if (set === sets.at(-1)?.set || !step.run.runs.some((run) => run.outcome === 'matched')) continue;
    const fresh = await findTicket(trx, ws, input.ticket.id);
    if (!fresh) break;
    facts = { ...facts, ticket: ticketFacts(fresh) };
  }
  if (results.length === 0) return results;
  const recorded = await insertRuleRun(trx, {
    workspaceId: ws,
    ticketId: input.ticket.id,
    eventId: input.event ? Number(input.event.id) : null,
    kind: input.kind,
    cascadeDepth: depth,
    results,
    durationUs: elapsedUs(started),
    at: now,
  });
  if (!recorded) throw new Error(`event ${input.event?.id} was already evaluated for ${input.kind} rules`);
  if (scope) scope.countRuns(ws, results, now);
  else await bumpRuleStats(trx, ws, results, now);
  return results;
}

let savepointCounter = 0;

/** Runs `fn` in a savepoint; on failure rolls back to it and returns the error message. */
export async function inSavepoint(trx: Kysely<DB>, fn: () => Promise<void>): Promise<string | null> {
  const name = sql.id(`sp_${++savepointCounter}`);
  await sql`savepoint ${name}`.execute(trx);
  try {
    await fn();
    await sql`release savepoint ${name}`.execute(trx);
    return null;
  } catch (error) {
    await sql`rollback to savepoint ${name}`.execute(trx);
    return error instanceof Error ? error.message : String(error);
  }
}
