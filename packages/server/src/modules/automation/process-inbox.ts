/**
 * One batch of the automation inbox: claim filed events (SKIP LOCKED, so two instances
 * never take the same one), group them by ticket, lock each ticket, evaluate and apply the
 * rules event by event, then run the per-ticket hooks (time-rule timers, SLA clocks), all in
 * one transaction that also deletes the claimed entries. A ticket whose processing fails
 * unexpectedly is rolled back to its savepoint, logged and skipped; the rest commit.
 */
import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { DB } from '../../db/schema.ts';
import { applyNewTicketSignals } from '../signals/apply-new-ticket-signals.ts';
import { findTicket } from '../tickets/tickets.repository.ts';
import { claimInboxEntries, type InboxEntry } from './automation-inbox.repository.ts';
import { type BatchScope, createBatchScope } from './batch-scope.ts';
import type { AutomationDeps } from './effects/effect-context.ts';
import { compiledRuleSets, evaluateAndApply, inSavepoint } from './process-event.ts';
import {
  isRuleEventType,
  loadWorkspaceAutomationSettings,
  type WorkspaceAutomationSettings,
} from './rule-facts.ts';

/** Work done for a ticket after its events were processed (timers, SLA clocks). */
export type TicketHook = (
  deps: AutomationDeps,
  trx: Kysely<DB>,
  ticketId: string,
  workspaceId: string,
  scope: BatchScope,
) => Promise<void>;

export async function processInboxBatch(
  deps: AutomationDeps,
  options: { limit?: number; hooks?: readonly TicketHook[]; log?: Logger | undefined } = {},
): Promise<number> {
  return deps.db.transaction().execute(async (trx) => {
    const entries = await claimInboxEntries(trx, options.limit ?? 50);
    const byTicket = new Map<string, InboxEntry[]>();
    for (const entry of entries)
      byTicket.set(entry.ticketId, [...(byTicket.get(entry.ticketId) ?? []), entry]);
    const settings = new Map<string, WorkspaceAutomationSettings>();
    const scope = createBatchScope();
    for (const [ticketId, ticketEntries] of byTicket) {
      const workspaceId = ticketEntries[0]?.workspaceId ?? '';
      if (!settings.has(workspaceId))
        settings.set(workspaceId, await loadWorkspaceAutomationSettings(trx, workspaceId));
      const mark = scope.mark();
      const error = await inSavepoint(trx, async () => {
        for (const entry of ticketEntries)
          await processEntry(deps, trx, entry, settings.get(workspaceId)!, scope);
        for (const hook of options.hooks ?? []) await hook(deps, trx, ticketId, workspaceId, scope);
      });
      if (error) {
        scope.discardSince(mark);
        options.log?.error({ ticketId, error }, 'automation failed for a ticket; its events are dropped');
      }
    }
    await scope.flush(trx);
    return entries.length;
  });
}

async function processEntry(
  deps: AutomationDeps,
  trx: Kysely<DB>,
  entry: InboxEntry,
  settings: WorkspaceAutomationSettings,
  scope: BatchScope,
): Promise<void> {
  const { event } = entry;
  if (!isRuleEventType(event.type) || event.type === 'ticket.time_elapsed') return;
  if (event.type === 'message.added' && (event.data as { initial?: boolean }).initial) return;
  const kind = event.type === 'ticket.created' ? 'creation' : 'update';
  // Most events meet no rule of their kind (few workspaces have update rules): then there
  // is nothing to read. A new ticket still gets its signals (language, urgency, VIP).
  if (kind === 'update' && (await compiledRuleSets(trx, entry.workspaceId, kind, scope)).length === 0) return;
  let ticket = await findTicket(trx, entry.workspaceId, entry.ticketId, { forUpdate: true });
  if (!ticket) return;
  // Before the creation rules, so they see the detected language, urgency and VIP team.
  if (event.type === 'ticket.created')
    ticket = await applyNewTicketSignals(deps, trx, { ticket, event, settings });
  await evaluateAndApply(deps, trx, { ticket, event, eventType: event.type, kind, settings }, scope);
}

/** Processes until the inbox is empty (tests, and catching up after a start). */
export async function drainInbox(
  deps: AutomationDeps,
  options: { hooks?: readonly TicketHook[]; maxBatches?: number } = {},
): Promise<number> {
  let total = 0;
  for (let i = 0; i < (options.maxBatches ?? 1000); i++) {
    const n = await processInboxBatch(deps, options);
    total += n;
    if (n === 0) break;
  }
  return total;
}
