/**
 * The background loop that empties the automation inbox. It wakes on the
 * `switchboard_automation` notification (sent by the events trigger on commit) and polls
 * as a fallback, so a lost notification delays a rule by at most one poll interval.
 */

import pg from 'pg';
import type { Logger } from 'pino';
import type { Database } from '../../db/client.ts';
import type { AutomationDeps } from './effects/effect-context.ts';
import { processInboxBatch, type TicketHook } from './process-inbox.ts';

export type AutomationWorker = { stop(): Promise<void>; wake(): void };

export async function startAutomationWorker(
  deps: AutomationDeps,
  database: Database,
  options: { pollMs?: number; hooks?: readonly TicketHook[]; log?: Logger; listenUrl?: string },
): Promise<AutomationWorker> {
  let running = true;
  let wakeUp: (() => void) | null = null;
  const wake = () => wakeUp?.();
  const stopListening = await listen(database, options.listenUrl, wake);
  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        wakeUp = null;
        resolve();
      }
      wakeUp = done;
    });
  const loop = (async () => {
    let backoffMs = options.pollMs ?? 500;
    while (running) {
      try {
        const n = await processInboxBatch(deps, { hooks: options.hooks ?? [], log: options.log });
        backoffMs = options.pollMs ?? 500;
        if (n === 0) await sleep(backoffMs);
      } catch (error) {
        options.log?.error({ err: error }, 'automation batch failed; retrying');
        await sleep(backoffMs);
        backoffMs = Math.min(backoffMs * 2, 30_000);
      }
    }
  })();
  return {
    wake,
    stop: async () => {
      running = false;
      wake();
      await loop;
      await stopListening();
    },
  };
}

async function listen(
  database: Database,
  url: string | undefined,
  onNotify: () => void,
): Promise<() => Promise<void>> {
  if (database.pglite) {
    const unlisten = await database.pglite.listen('switchboard_automation', onNotify);
    return unlisten;
  }
  if (!url) return async () => {};
  // A dedicated session: LISTEN cannot go through the pool (or a transaction pooler).
  const client = new pg.Client({ connectionString: url });
  client.on('error', () => {});
  await client.connect();
  client.on('notification', onNotify);
  await client.query('listen switchboard_automation');
  return async () => {
    await client.end().catch(() => {});
  };
}
