/**
 * The `email.send` queue and its worker. Each job sends one mail; a transient failure (4xx,
 * network) fails the job so pg-boss retries it with exponential backoff (about 30 s × 2^n:
 * five retries span roughly half an hour), a permanent one (5xx) or the last attempt
 * settles the mail as failed and dead-letters the job.
 */
import type { JobResult, JobWithMetadata } from 'pg-boss';
import type { JobQueue, QueueDefinition } from '../../../platform/jobs.ts';
import { OUTBOUND_QUEUE } from './queue-outbound-email.ts';
import { type SendDeps, sendOutboundEmail } from './send-outbound-email.ts';

export const OUTBOUND_QUEUE_DEFINITION: QueueDefinition = {
  name: OUTBOUND_QUEUE,
  retryLimit: 5,
  retryDelaySeconds: 30,
  // Above the longest batch: parallel sends of at most the transport's timeouts.
  expireInSeconds: 300,
};

type OutboundJobData = { workspaceId: string; outboundId: string };

export async function registerOutboundWorker(
  jobs: JobQueue,
  deps: SendDeps,
  options: { pollingIntervalSeconds?: number } = {},
): Promise<void> {
  const settle = async (job: JobWithMetadata<OutboundJobData>): Promise<JobResult> => {
    try {
      const outcome = await sendOutboundEmail(deps, job.data.outboundId, {
        isLastAttempt: job.retryCount >= job.retryLimit,
      });
      if (outcome === 'retry') {
        return {
          id: job.id,
          status: 'failed',
          output: { message: `Mail ${job.data.outboundId}: will retry.` },
        };
      }
      return outcome === 'failed'
        ? {
            id: job.id,
            status: 'deadletter',
            output: { message: `Mail ${job.data.outboundId} failed: see its lastError.` },
          }
        : { id: job.id, status: 'completed', output: { outcome } };
    } catch (error) {
      // Not an SMTP answer (the database, a missing attachment file): after the last retry
      // the sweep takes the mail over later instead of leaving it queued with no owner.
      if (job.retryCount >= job.retryLimit) await handOverToSweep(deps, job.data.outboundId).catch(() => {});
      return { id: job.id, status: 'failed', output: { message: (error as Error).message } };
    }
  };
  await jobs.boss.work(
    OUTBOUND_QUEUE,
    {
      batchSize: 5,
      perJobResults: true,
      includeMetadata: true,
      pollingIntervalSeconds: options.pollingIntervalSeconds ?? 2,
    },
    async (batch: JobWithMetadata<OutboundJobData>[]) => Promise.all(batch.map(settle)),
  );
}

async function handOverToSweep(deps: SendDeps, outboundId: string): Promise<void> {
  await deps.db
    .updateTable('outbound_emails')
    .set({ sweep_after: new Date(deps.clock.now().getTime() + 10 * 60_000) })
    .where('id', '=', outboundId)
    .where('status', '=', 'queued')
    .execute();
}
