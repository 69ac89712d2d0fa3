/**
 * The SLA part of the minute sweep: tickets whose next warning or due instant has passed,
 * found through the ticket_slas next_event_at index (never a scan of all tickets), each
 * recomputed under its row lock so the due sla.warning / sla.breached events are appended
 * exactly once. Chunks keep each transaction, and the locks it holds, short.
 */
import type { AutomationDeps } from '../automation/effects/effect-context.ts';
import { inSavepoint } from '../automation/process-event.ts';
import { recomputeTicketSla } from './recompute-ticket-sla.ts';
import { listSlaPolicies, type SlaPolicyRow } from './sla-policies.repository.ts';
import { claimDueTicketSlas, postponeTicketSla } from './ticket-slas.repository.ts';

const chunkSize = 100;
// A ticket whose clocks cannot be computed is retried this much later instead of every chunk.
const retryAfterMs = 15 * 60_000;

/**
 * Recomputes up to `limit` due tickets as of `now`; returns how many were handled. On
 * PostgreSQL several chunks run at once on their own connections (SKIP LOCKED keeps them
 * apart, as it keeps two instances apart); PGlite has one connection and runs one.
 */
export async function sweepSlas(
  deps: AutomationDeps,
  now: Date,
  limit = 1000,
  options: { concurrency?: number; chunkSize?: number } = {},
): Promise<number> {
  let handled = 0;
  let claimedSoFar = 0;
  let exhausted = false;
  const loop = async () => {
    while (!exhausted && claimedSoFar < limit) {
      const size = Math.min(options.chunkSize ?? chunkSize, limit - claimedSoFar);
      claimedSoFar += size;
      const claimed = await deps.db.transaction().execute(async (trx) => {
        const due = await claimDueTicketSlas(trx, now, size);
        // The policies cannot change under the chunk's transaction in a way that matters.
        const policiesOf = new Map<string, Promise<SlaPolicyRow[]>>();
        for (const target of due) {
          let policies = policiesOf.get(target.workspaceId);
          if (!policies) {
            policies = listSlaPolicies(trx, target.workspaceId, { enabledOnly: true });
            policiesOf.set(target.workspaceId, policies);
          }
          const enabledPolicies = await policies;
          const error = await inSavepoint(trx, async () => {
            await recomputeTicketSla(trx, { ...target, now, enabledPolicies });
          });
          if (error) await postponeTicketSla(trx, target, new Date(now.getTime() + retryAfterMs));
        }
        return due.length;
      });
      claimedSoFar -= size - claimed;
      handled += claimed;
      if (claimed < size) exhausted = true;
    }
  };
  const concurrency = options.concurrency ?? (deps.config.DATABASE_URL ? 4 : 1);
  await Promise.all(Array.from({ length: Math.max(1, concurrency) }, loop));
  return handled;
}
