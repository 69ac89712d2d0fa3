/**
 * The SLA part of the minute sweep: tickets whose next warning or due instant has passed,
 * found through the ticket_slas next_event_at index (never a scan of all tickets), each
 * recomputed under its row lock so the due sla.warning / sla.breached events are appended
 * exactly once. Chunks keep each transaction, and the locks it holds, short.
 */
import type { AutomationDeps } from '../automation/effects/effect-context.ts';
import { inSavepoint } from '../automation/process-event.ts';
import { recomputeTicketSla } from './recompute-ticket-sla.ts';
import { claimDueTicketSlas, postponeTicketSla } from './ticket-slas.repository.ts';

const chunkSize = 100;
// A ticket whose clocks cannot be computed is retried this much later instead of every chunk.
const retryAfterMs = 15 * 60_000;

/** Recomputes up to `limit` due tickets as of `now`; returns how many were handled. */
export async function sweepSlas(deps: AutomationDeps, now: Date, limit = 1000): Promise<number> {
  let handled = 0;
  while (handled < limit) {
    const claimed = await deps.db.transaction().execute(async (trx) => {
      const due = await claimDueTicketSlas(trx, now, Math.min(chunkSize, limit - handled));
      for (const target of due) {
        const error = await inSavepoint(trx, async () => {
          await recomputeTicketSla(trx, { ...target, now });
        });
        if (error) await postponeTicketSla(trx, target, new Date(now.getTime() + retryAfterMs));
      }
      return due.length;
    });
    handled += claimed;
    if (claimed === 0) break;
  }
  return handled;
}
