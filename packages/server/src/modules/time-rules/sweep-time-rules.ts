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
import type { AutomationDeps } from '../automation/effects/effect-context.ts';
import { evaluateAndApply, inSavepoint } from '../automation/process-event.ts';
import {
  anchorInstant,
  loadWorkspaceAutomationSettings,
  type WorkspaceAutomationSettings,
} from '../automation/rule-facts.ts';
import { findTicket } from '../tickets/tickets.repository.ts';
import { dueInstant } from './due-instant.ts';
import {
  deleteTimers,
  dueTimersQuery,
  findFiredWindows,
  firingKey,
  loadTimeRuleAnchors,
  recordFirings,
  type TicketTimer,
  tryLockTicket,
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

export async function sweepTimeRules(
  deps: AutomationDeps,
  now: Date,
  limit = 1000,
): Promise<TimeRuleSweepResult> {
  // Facts are built at `now`, the instant the due timers were chosen by, so a timer due
  // at `now` and the rule's threshold agree on whether it holds.
  const atNow: AutomationDeps = { ...deps, clock: { now: () => new Date(now.getTime()) } };
  const result: TimeRuleSweepResult = { tickets: 0, fired: 0, failures: [] };
  const skipTicketIds: string[] = [];
  let taken = 0;
  while (taken < limit) {
    const size = Math.min(batchSize, limit - taken);
    const n = await deps.db
      .transaction()
      .execute((trx) => sweepBatch(atNow, trx, { now, size, skipTicketIds, result }));
    taken += n;
    if (n < size) break;
  }
  return result;
}

type BatchInput = { now: Date; size: number; skipTicketIds: string[]; result: TimeRuleSweepResult };
type Workspace = { anchors: Map<string, TimeAnchor>; settings: WorkspaceAutomationSettings };

/** One transaction: claims up to `size` due timers and processes them ticket by ticket. */
async function sweepBatch(deps: AutomationDeps, trx: Kysely<DB>, input: BatchInput): Promise<number> {
  const due = await dueTimersQuery(trx, {
    now: input.now,
    limit: input.size,
    skipTicketIds: input.skipTicketIds,
  }).execute();
  const byTicket = new Map<string, typeof due>();
  for (const timer of due) byTicket.set(timer.ticket_id, [...(byTicket.get(timer.ticket_id) ?? []), timer]);
  const workspaces = new Map<string, Workspace>();
  for (const [ticketId, timers] of byTicket) {
    const workspaceId = timers[0]?.workspace_id ?? '';
    if (!(await tryLockTicket(trx, workspaceId, ticketId))) {
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
    let rescheduled: TicketTimer[] = [];
    const error = await inSavepoint(trx, async () => {
      const outcome = await fireDueRules(deps, trx, { workspaceId, ticketId, ruleIds, workspace: ws });
      input.result.fired += outcome.fired;
      rescheduled = outcome.rescheduled;
    });
    if (error) input.result.failures.push({ ticketId, error });
    // Dropped even after a failure: retrying every minute would repeat it, not fix it.
    await deleteTimers(trx, { workspaceId, ticketId, ruleIds });
    await upsertTimers(trx, workspaceId, rescheduled);
    input.result.tickets++;
  }
  return due.length;
}

async function loadWorkspace(trx: Kysely<DB>, workspaceId: string): Promise<Workspace> {
  const anchors = new Map(
    (await loadTimeRuleAnchors(trx, workspaceId)).map(({ ruleId, anchor }) => [ruleId, anchor]),
  );
  return { anchors, settings: await loadWorkspaceAutomationSettings(trx, workspaceId) };
}

type DueOutcome = { fired: number; rescheduled: TicketTimer[] };

/**
 * Evaluates the ticket's due rules whose current window has not fired. The window and due
 * instant are recomputed from the ticket and rule as they are now: a timer can predate a
 * move of the anchor (the hook has not caught up yet) or a change of the rule's hours, and
 * is then put back at its true due instant instead of being evaluated early.
 */
async function fireDueRules(
  deps: AutomationDeps,
  trx: Kysely<DB>,
  input: { workspaceId: string; ticketId: string; ruleIds: string[]; workspace: Workspace },
): Promise<DueOutcome> {
  const { workspaceId, ticketId } = input;
  const ticket = await findTicket(trx, workspaceId, ticketId);
  if (!ticket || ticket.status === 'closed') return { fired: 0, rescheduled: [] };
  const now = deps.clock.now();
  const windows = input.ruleIds.flatMap((ruleId) => {
    // Rules disabled or deleted since the timer was set have no anchor here.
    const anchor = input.workspace.anchors.get(ruleId);
    const at = anchor ? anchorInstant(ticket, anchor.since) : null;
    if (!anchor || !at) return [];
    const dueAt = dueInstant(at, anchor, input.workspace.settings.calendar);
    return [{ ticketId, ruleId, windowKey: at.toISOString(), dueAt }];
  });
  const fired = await findFiredWindows(trx, { workspaceId, ticketId, ruleIds: windows.map((w) => w.ruleId) });
  const open = windows.filter((w) => !fired.has(firingKey(w.ruleId, w.windowKey)));
  const rescheduled = open.filter((w) => w.dueAt.getTime() > now.getTime());
  const due = open.filter((w) => w.dueAt.getTime() <= now.getTime());
  if (due.length === 0) return { fired: 0, rescheduled };
  const results = await evaluateAndApply(deps, trx, {
    ticket,
    event: null,
    eventType: 'ticket.time_elapsed',
    kind: 'time',
    settings: input.workspace.settings,
    onlyRuleIds: new Set(due.map((w) => w.ruleId)),
  });
  const matched = new Set(results.filter((r) => r.outcome === 'matched').map((r) => r.ruleId));
  const firings = due.filter((w) => matched.has(w.ruleId));
  await recordFirings(trx, { workspaceId, ticketId, firings, at: now });
  return { fired: firings.length, rescheduled };
}
