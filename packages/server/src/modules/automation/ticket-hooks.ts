/**
 * Work done for a ticket each time its events have been through the rules: keeping its
 * time-rule timers and SLA clocks in step with its new state. Order matters little; each
 * hook reads the ticket as the rules left it.
 */
import { slaTicketHook } from '../sla/sla-ticket-hook.ts';
import { timeRulesTicketHook } from '../time-rules/time-rules-hook.ts';
import type { TicketHook } from './process-inbox.ts';

export const ticketHooks: readonly TicketHook[] = [timeRulesTicketHook, slaTicketHook];
