/**
 * The `webhook.deliver` queue and its worker. Jobs are fetched five at a time and settled one
 * by one (pg-boss `perJobResults`): a failing receiver must not make pg-boss retry the other
 * deliveries of its batch. Backoff: pg-boss waits about retryDelay × 2^n (with jitter) before
 * retry n, so six retries from 30 s span roughly half an hour to an hour.
 */
import type { JobResult, JobWithMetadata } from 'pg-boss';
import type { Deps } from '../../platform/deps.ts';
import type { JobQueue, QueueDefinition } from '../../platform/jobs.ts';
import { WEBHOOK_QUEUE } from '../automation/effects/webhook-effect.ts';
import { type DeliveryJobData, deliverWebhook } from './deliver-webhook.handler.ts';

export const WEBHOOK_QUEUE_DEFINITION: QueueDefinition = {
  name: WEBHOOK_QUEUE,
  retryLimit: 6,
  retryDelaySeconds: 30,
  // Above the longest batch: five parallel attempts of at most the 10 s timeout each.
  expireInSeconds: 120,
};

export type WebhookWorkerOptions = { timeoutMs?: number; pollingIntervalSeconds?: number };

export async function registerWebhookWorker(
  jobs: JobQueue,
  deps: Pick<Deps, 'db' | 'clock' | 'config'>,
  options: WebhookWorkerOptions = {},
): Promise<void> {
  const settle = async (job: JobWithMetadata<DeliveryJobData>): Promise<JobResult> => {
    try {
      const outcome = await deliverWebhook(deps, job.data, {
        isLastAttempt: job.retryCount >= job.retryLimit,
        ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
      });
      // A permanent refusal fails the job at once, skipping the retries left.
      return outcome === 'failed'
        ? {
            id: job.id,
            status: 'deadletter',
            output: { message: `Delivery ${job.data.deliveryId} failed for good: see its lastError.` },
          }
        : { id: job.id, status: 'completed', output: { outcome } };
    } catch (error) {
      return { id: job.id, status: 'failed', output: { message: (error as Error).message } };
    }
  };
  await jobs.boss.work(
    WEBHOOK_QUEUE,
    {
      batchSize: 5,
      perJobResults: true,
      includeMetadata: true,
      pollingIntervalSeconds: options.pollingIntervalSeconds ?? 2,
    },
    async (batch: JobWithMetadata<DeliveryJobData>[]) => Promise.all(batch.map(settle)),
  );
}
