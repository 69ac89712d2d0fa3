/**
 * The time-rule part of the minute sweep. Due timers are read by index in due order and
 * locked with SKIP LOCKED, so instances running the sweep at once share the timers instead
 * of firing them twice. For each ticket, the due rules are evaluated with event
 * 'ticket.time_elapsed' at `now`; a rule that matched records its window in
 * time_rule_firings (so it fires once per window), and the processed timers are deleted.
 * A rule whose other conditions are false at due time does not fire; the ticket hook gives
 * it a timer again when the ticket next changes.
 */
import type { TimeAnchor } from '@switchboard/core';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { type BatchScope, createBatchScope } from '../automation/batch-scope.ts';
import type { AutomationDeps } from '../automation/effects/effect-context.ts';
import { evaluateAndApply, inSavepoint } from '../automation/process-event.ts';
import {
  anchorInstant,
  loadWorkspaceAutomationSettings,
  type WorkspaceAutomationSettings,
} from '../automation/rule-facts.ts';
import { lockAvailableTickets, type TicketRecord } from '../tickets/tickets.repository.ts';
import { dueInstant } from './due-instant.ts';
import {
  deleteTimersOfTickets,
  dueTimersQuery,
  type Firing,
  findFiredWindowsOfTickets,
  loadTimeRuleAnchors,
  recordFiringsOfTickets,
  type TicketTimer,
  ticketFiringKey,
  upsertTimers,
} from './time-rules.repository.ts';

export type TimeRuleSweepResult = {
  /** Tickets whose due timers were processed. */
  tickets: number;
  /** Rule firings recorded (rule × ticket windows that matched). */
  fired: number;
  /** Tickets whose evaluation failed unexpectedly; their timers are dropped until they change. */
  failures: { ticketId: string; error: string }[];
};

const batchSize = 100;

/**
 * Processes up to `limit` due timers. On PostgreSQL several batches run at once, each in its
 * own transaction on its own connection: SKIP LOCKED already keeps two sweeps (two
 * instances) off each other's timers, so it keeps parallel batches apart too. PGlite has
 * one connection, so it runs one batch at a time.
 */
export async function sweepTimeRules(
  deps: AutomationDeps,
  now: Date,
  limit = 1000,
  options: { concurrency?: number; batchSize?: number } = {},
): Promise<TimeRuleSweepResult> {
  // Facts are built at `now`, the instant the due timers were chosen by, so a timer due
  // at `now` and the rule's threshold agree on whether it holds.
  const atNow: AutomationDeps = { ...deps, clock: { now: () => new Date(now.getTime()) } };
  const result: TimeRuleSweepResult = { tickets: 0, fired: 0, failures: [] };
  const skipTicketIds: string[] = [];
  let claimed = 0;
  let exhausted = false;
  const loop = async () => {
    while (!exhausted && claimed < limit) {
      const size = Math.min(options.batchSize ?? batchSize, limit - claimed);
      claimed += size;
      const n = await deps.db
        .transaction()
        .execute((trx) => sweepBatch(atNow, trx, { now, size, skipTicketIds, result }));
      claimed -= size - n;
      if (n < size) exhausted = true;
    }
  };
  const concurrency = options.concurrency ?? (deps.config.DATABASE_URL ? 4 : 1);
  await Promise.all(Array.from({ length: Math.max(1, concurrency) }, loop));
  return result;
}

type BatchInput = { now: Date; size: number; skipTicketIds: string[]; result: TimeRuleSweepResult };
type Workspace = { anchors: Map<string, TimeAnchor>; settings: WorkspaceAutomationSettings };

/**
 * One transaction: claims up to `size` due timers, locks their tickets in one statement
 * (skipping any someone else holds), evaluates ticket by ticket, then records the firings
 * and drops the processed timers in one statement each.
 */
async function sweepBatch(deps: AutomationDeps, trx: Kysely<DB>, input: BatchInput): Promise<number> {
  const due = await dueTimersQuery(trx, {
    now: input.now,
    limit: input.size,
    skipTicketIds: input.skipTicketIds,
  }).execute();
  const byTicket = new Map<string, typeof due>();
  for (const timer of due) byTicket.set(timer.ticket_id, [...(byTicket.get(timer.ticket_id) ?? []), timer]);
  // Waiting for a ticket while holding timer locks could deadlock with a worker that holds
  // the ticket and upserts its timers: a ticket someone holds keeps its timers for next time.
  const locked = await lockAvailableTickets(trx, [...byTicket.keys()]);
  const fired = await findFiredWindowsOfTickets(trx, {
    ticketIds: [...locked.keys()],
    ruleIds: [...new Set(due.map((t) => t.rule_id))],
  });
  const workspaces = new Map<string, Workspace>();
  const scope = createBatchScope();
  const firings: Firing[] = [];
  const processed: { workspaceId: string; ticketId: string; ruleId: string }[] = [];
  const rescheduled: (TicketTimer & { workspaceId: string })[] = [];
  for (const [ticketId, timers] of byTicket) {
    const workspaceId = timers[0]?.workspace_id ?? '';
    const ticket = locked.get(ticketId);
    if (!ticket) {
      input.skipTicketIds.push(ticketId);
      continue;
    }
    let workspace = workspaces.get(workspaceId);
    if (!workspace) {
      workspace = await loadWorkspace(trx, workspaceId);
      workspaces.set(workspaceId, workspace);
    }
    const ruleIds = timers.map((timer) => timer.rule_id);
    const ws = workspace;
    const mark = scope.mark();
    const error = await inSavepoint(trx, async () => {
      const outcome = await fireDueRules(deps, trx, { ticket, ruleIds, workspace: ws, fired }, scope);
      input.result.fired += outcome.firings.length;
      firings.push(...outcome.firings.map((f) => ({ ...f, workspaceId, ticketId })));
      rescheduled.push(...outcome.rescheduled.map((t) => ({ ...t, workspaceId })));
    });
    if (error) {
      scope.discardSince(mark);
      input.result.failures.push({ ticketId, error });
    }
    // Dropped even after a failure: retrying every minute would repeat it, not fix it.
    processed.push(...ruleIds.map((ruleId) => ({ workspaceId, ticketId, ruleId })));
    input.result.tickets++;
  }
  await recordFiringsOfTickets(trx, firings, input.now);
  await deleteTimersOfTickets(trx, processed);
  for (const [workspaceId, timers] of Map.groupBy(rescheduled, (t) => t.workspaceId))
    await upsertTimers(trx, workspaceId, timers);
  await scope.flush(trx);
  return due.length;
}

async function loadWorkspace(trx: Kysely<DB>, workspaceId: string): Promise<Workspace> {
  const anchors = new Map(
    (await loadTimeRuleAnchors(trx, workspaceId)).map(({ ruleId, anchor }) => [ruleId, anchor]),
  );
  return { anchors, settings: await loadWorkspaceAutomationSettings(trx, workspaceId) };
}

type DueOutcome = { firings: { ruleId: string; windowKey: string }[]; rescheduled: TicketTimer[] };

/**
 * Evaluates the ticket's due rules whose current window has not fired. The window and due
 * instant are recomputed from the ticket and rule as they are now: a timer can predate a
 * move of the anchor (the hook has not caught up yet) or a change of the rule's hours, and
 * is then put back at its true due instant instead of being evaluated early.
 */
async function fireDueRules(
  deps: AutomationDeps,
  trx: Kysely<DB>,
  input: {
    /** Locked by the batch. */
    ticket: TicketRecord;
    ruleIds: string[];
    workspace: Workspace;
    /** Windows that already fired, of every ticket of the batch (as firingKey with the ticket). */
    fired: ReadonlySet<string>;
  },
  scope: BatchScope,
): Promise<DueOutcome> {
  const { ticket } = input;
  const ticketId = ticket.id;
  if (ticket.status === 'closed' || ticket.deleted_at) return { firings: [], rescheduled: [] };
  const now = deps.clock.now();
  const windows = input.ruleIds.flatMap((ruleId) => {
    // Rules disabled or deleted since the timer was set have no anchor here.
    const anchor = input.workspace.anchors.get(ruleId);
    const at = anchor ? anchorInstant(ticket, anchor.since) : null;
    if (!anchor || !at) return [];
    const dueAt = dueInstant(at, anchor, input.workspace.settings.calendar);
    return [{ ticketId, ruleId, windowKey: at.toISOString(), dueAt }];
  });
  const open = windows.filter((w) => !input.fired.has(ticketFiringKey(ticketId, w.ruleId, w.windowKey)));
  const rescheduled = open.filter((w) => w.dueAt.getTime() > now.getTime());
  const due = open.filter((w) => w.dueAt.getTime() <= now.getTime());
  if (due.length === 0) return { firings: [], rescheduled };
  const results = await evaluateAndApply(
    deps,
    trx,
    {
      ticket,
      event: null,
      eventType: 'ticket.time_elapsed',
      kind: 'time',
      settings: input.workspace.settings,
      onlyRuleIds: new Set(due.map((w) => w.ruleId)),
    },
    scope,
  );
  const matched = new Set(results.filter((r) => r.outcome === 'matched').map((r) => r.ruleId));
  const firings = due
    .filter((w) => matched.has(w.ruleId))
    .map((w) => ({ ruleId: w.ruleId, windowKey: w.windowKey }));
  return { firings, rescheduled };
}
