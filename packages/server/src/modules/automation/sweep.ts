/**
 * The minute sweep (a pg-boss cron job, so one instance runs each tick): SLA clocks whose
 * next warning or breach is due, and time rules whose timers are due, found by index.
 */
import type { AutomationDeps } from './effects/effect-context.ts';

export type SweepResult = { slaTickets: number; timeRuleTickets: number };

export async function runSweep(_deps: AutomationDeps): Promise<SweepResult> {
  return { slaTickets: 0, timeRuleTickets: 0 };
}
