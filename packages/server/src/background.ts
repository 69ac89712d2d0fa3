/**
 * Background work of a `worker` process (every process by default): the job queue, the
 * automation worker that empties the inbox, and the periodic sweep of time rules and SLA
 * clocks. Every instance asks for a sweep each interval; pg-boss's singleton window keeps
 * one per interval across all instances, and the sweeps themselves claim rows with
 * SKIP LOCKED, so nothing fires twice.
 */
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { Config } from './config/config.ts';
import type { Database } from './db/client.ts';
import { type AutomationWorker, startAutomationWorker } from './modules/automation/automation-worker.ts';
import { runSweep } from './modules/automation/sweep.ts';
import { ticketHooks } from './modules/automation/ticket-hooks.ts';
import { type ImapPoller, startImapPoller } from './modules/email/imap-poller.ts';
import type { Deps } from './platform/deps.ts';
import { type JobQueue, type QueueDefinition, startJobQueue } from './platform/jobs.ts';
import { secretBox, secretKeyOf } from './platform/secret-box.ts';
import { backgroundQueues, backgroundWorkers } from './queues.ts';

export const SWEEP_QUEUE = 'automation.sweep';

const sweepQueue: QueueDefinition = {
  name: SWEEP_QUEUE,
  retryLimit: 0,
  retryDelaySeconds: 0,
  expireInSeconds: 300,
};

export type Background = { jobs: JobQueue; stop(): Promise<void> };

export async function startBackground(input: {
  deps: Deps;
  database: Database;
  config: Config;
  logger: Logger | null;
  jobSchema?: string;
}): Promise<Background> {
  const { deps, database, config } = input;
  const log = input.logger ?? undefined;
  const jobs = await startJobQueue(database, {
    schema: input.jobSchema ?? 'pgboss',
    queues: [sweepQueue, ...backgroundQueues],
    onError: (error) => log?.error({ err: error }, 'job queue error'),
  });
  deps.jobs = jobs;
  const automationDeps = { ...deps, jobs };
  const intervalSeconds = config.SWITCHBOARD_SWEEP_INTERVAL_SECONDS;
  await jobs.work(
    SWEEP_QUEUE,
    { batchSize: 1, pollingIntervalSeconds: Math.min(2, intervalSeconds) },
    async () => {
      const result = await runSweep(automationDeps);
      if (result.slaTickets + result.timeRuleTickets > 0) log?.info(result, 'sweep');
    },
  );
  for (const register of backgroundWorkers) await register(jobs, automationDeps);
  const requestSweep = () =>
    jobs.boss
      .send(
        SWEEP_QUEUE,
        { requestedBy: instanceId },
        { singletonKey: 'sweep', singletonSeconds: intervalSeconds },
      )
      .catch((error: unknown) => log?.error({ err: error }, 'could not request a sweep'));
  const timer = setInterval(requestSweep, intervalSeconds * 1000);
  void requestSweep();
  const worker: AutomationWorker = await startAutomationWorker(automationDeps, database, {
    hooks: ticketHooks,
    ...(log ? { log } : {}),
    ...(config.DATABASE_URL ? { listenUrl: config.DATABASE_URL } : {}),
  });
  // Mailboxes with IMAP settings are polled by one worker instance each (a lease per mailbox).
  const imap: ImapPoller = await startImapPoller(automationDeps, {
    rescanMs: config.SWITCHBOARD_IMAP_RESCAN_SECONDS * 1000,
    decryptPassword: (sealed) => {
      const key = secretKeyOf(config);
      if (!key) throw new Error('SWITCHBOARD_SECRET_KEY is not set: the IMAP password cannot be read');
      return secretBox(key).decrypt(sealed);
    },
    log: log?.child({ component: 'imap' }),
  });
  return {
    jobs,
    stop: async () => {
      clearInterval(timer);
      await imap.stop();
      await worker.stop();
      await jobs.stop();
      deps.jobs = null;
    },
  };
}

const instanceId = randomUUID();
