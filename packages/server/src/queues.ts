/**
 * The job queues and job handlers of the modules (webhook delivery, …), created and
 * registered when a worker process starts its background work. Add a module's entries here.
 */
import {
  OUTBOUND_QUEUE_DEFINITION,
  registerOutboundWorker,
} from './modules/email/outbound/outbound-worker.ts';
import { registerWebhookWorker, WEBHOOK_QUEUE_DEFINITION } from './modules/webhooks/webhook-worker.ts';
import type { Deps } from './platform/deps.ts';
import type { JobQueue, QueueDefinition } from './platform/jobs.ts';

export type WorkerRegistration = (jobs: JobQueue, deps: Deps & { jobs: JobQueue }) => Promise<void>;

export const backgroundQueues: readonly QueueDefinition[] = [
  WEBHOOK_QUEUE_DEFINITION,
  OUTBOUND_QUEUE_DEFINITION,
];

export const backgroundWorkers: readonly WorkerRegistration[] = [
  (jobs, deps) => registerWebhookWorker(jobs, deps),
  (jobs, deps) => registerOutboundWorker(jobs, deps),
];
