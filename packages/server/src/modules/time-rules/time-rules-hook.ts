/**
 * Keeps a ticket's time-rule timers in step with the ticket, after each batch of its events
 * went through the rules: one timer per enabled time rule whose anchor is set and whose
 * current window has not fired yet, due when the rule's hours threshold first holds. A
 * closed or deleted ticket has none. The sweep then finds due tickets by index instead of
 * evaluating every ticket every minute.
 */
import { alwaysOpenCalendar, type BusinessCalendar } from '@switchboard/core';
import type { TicketHook } from '../automation/process-inbox.ts';
import { anchorInstant, loadWorkspaceAutomationSettings } from '../automation/rule-facts.ts';
import { findTicket } from '../tickets/tickets.repository.ts';
import { dueInstant } from './due-instant.ts';
import {
  findFiredWindows,
  firingKey,
  loadTimeRuleAnchors,
  replaceTicketTimers,
  type TicketTimer,
} from './time-rules.repository.ts';

export const timeRulesTicketHook: TicketHook = async (_deps, trx, ticketId, workspaceId, scope) => {
  const rules = await scope.memo(`time-rule-anchors:${workspaceId}`, () =>
    loadTimeRuleAnchors(trx, workspaceId),
  );
  // No time rules, no timers: one delete keeps a ticket's stale timers from outliving them.
  if (rules.length === 0) return replaceTicketTimers(trx, { workspaceId, ticketId, timers: [] });
  // Locked like the rules lock it, so a sweep never reads a half-updated set of timers.
  const ticket = await findTicket(trx, workspaceId, ticketId, { forUpdate: true });
  if (!ticket || ticket.status === 'closed')
    return replaceTicketTimers(trx, { workspaceId, ticketId, timers: [] });
  const windows = rules.flatMap(({ ruleId, anchor }) => {
    const at = anchorInstant(ticket, anchor.since);
    return at ? [{ ruleId, anchor, at, windowKey: at.toISOString() }] : [];
  });
  const fired = await findFiredWindows(trx, {
    workspaceId,
    ticketId,
    ruleIds: windows.map((w) => w.ruleId),
  });
  const open = windows.filter((w) => !fired.has(firingKey(w.ruleId, w.windowKey)));
  let calendar: BusinessCalendar = alwaysOpenCalendar;
  if (open.some((w) => w.anchor.isBusinessTime))
    calendar = (await loadWorkspaceAutomationSettings(trx, workspaceId)).calendar;
  const timers: TicketTimer[] = open.map((w) => ({
    ticketId,
    ruleId: w.ruleId,
    dueAt: dueInstant(w.at, w.anchor, calendar),
    windowKey: w.windowKey,
  }));
  await replaceTicketTimers(trx, { workspaceId, ticketId, timers });
};
