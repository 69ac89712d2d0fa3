/**
 * The minute sweep (a pg-boss cron job, so one instance runs each tick): SLA clocks whose
 * next warning or breach is due, and time rules whose timers are due, found by index.
 */
import { type OutboundSweepResult, sweepOutbound } from '../email/outbound/sweep-outbound.ts';
import { sweepSlas } from '../sla/sweep-slas.ts';
import { sweepTimeRules } from '../time-rules/sweep-time-rules.ts';
import type { AutomationDeps } from './effects/effect-context.ts';

export type SweepResult = {
  slaTickets: number;
  timeRuleTickets: number;
  /** Tickets whose time rules failed to evaluate: logged by the caller. */
  timeRuleFailures: { ticketId: string; error: string }[];
  /** Chat → email fallbacks, notifications mailed, queued mails taken over (email/outbound). */
  outbound: OutboundSweepResult;
};

export async function runSweep(deps: AutomationDeps): Promise<SweepResult> {
  const timeRules = await sweepTimeRules(deps, deps.clock.now());
  const slaTickets = await sweepSlas(deps, deps.clock.now());
  const outbound = await sweepOutbound(deps);
  return { slaTickets, timeRuleTickets: timeRules.tickets, timeRuleFailures: timeRules.failures, outbound };
}
