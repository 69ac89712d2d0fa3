/**
 * The body of a `webhook.deliver` job: one attempt at one delivery. The delivery and its
 * webhook are read, the HTTP call made and the outcome written in separate statements, never
 * inside a transaction: a slow receiver must not hold a connection (on PGlite, the only one).
 * A transient failure is recorded and thrown, so pg-boss retries it with backoff; the last
 * attempt and permanent refusals mark the delivery failed, for admins to see.
 */
import type { Deps } from '../../platform/deps.ts';
import { classifyStatusCode } from './delivery-outcome.ts';
import { postWebhook } from './post-webhook.ts';
import { allowsPrivateTargets } from './webhook-target.ts';
import { findDeliveryTarget, recordDeliveryAttempt } from './webhooks.repository.ts';

export type DeliveryJobData = { workspaceId: string; deliveryId: string };

export type DeliverOptions = {
  /** No retry follows this attempt: a transient failure ends the delivery as failed. */
  isLastAttempt: boolean;
  timeoutMs?: number;
};

/** `skipped`: nothing to do (webhook deleted, or already delivered by an earlier run). */
export type DeliveryOutcome = 'delivered' | 'failed' | 'skipped';

export const DEFAULT_TIMEOUT_MS = 10_000;

/** Thrown for a transient failure: the job system should try again later. */
export class DeliveryAttemptFailed extends Error {
  override name = 'DeliveryAttemptFailed';
}

export async function deliverWebhook(
  deps: Pick<Deps, 'db' | 'clock' | 'config'>,
  job: DeliveryJobData,
  options: DeliverOptions,
): Promise<DeliveryOutcome> {
  const { workspaceId, deliveryId } = job;
  const target = await findDeliveryTarget(deps.db, workspaceId, deliveryId);
  if (!target || target.status === 'delivered') return 'skipped';
  const record = (outcome: Parameters<typeof recordDeliveryAttempt>[3]) =>
    recordDeliveryAttempt(deps.db, workspaceId, deliveryId, outcome);
  if (!target.enabled) {
    const error = 'The webhook is disabled.';
    await record({ status: 'failed', attempted: false, statusCode: null, error, at: deps.clock.now() });
    return 'failed';
  }

  const rawBody = JSON.stringify(target.payload);
  const result = await postWebhook({
    url: target.url,
    deliveryId,
    secret: target.secret,
    rawBody,
    timestampSeconds: Math.floor(deps.clock.now().getTime() / 1000),
    timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    allowPrivate: allowsPrivateTargets(deps.config),
  });
  const at = deps.clock.now();
  if (result.kind === 'error' && result.isTargetRefused) {
    await record({ status: 'failed', attempted: false, statusCode: null, error: result.message, at });
    return 'failed';
  }
  const statusCode = result.kind === 'response' ? result.statusCode : null;
  const verdict = statusCode === null ? 'retry' : classifyStatusCode(statusCode);
  const error =
    result.kind === 'error' ? result.message : verdict === 'delivered' ? null : `HTTP ${statusCode}`;
  if (verdict === 'delivered') {
    await record({ status: 'delivered', attempted: true, statusCode, error: null, at });
    return 'delivered';
  }
  const isFinal = verdict === 'permanent' || options.isLastAttempt;
  await record({ status: isFinal ? 'failed' : 'pending', attempted: true, statusCode, error, at });
  if (verdict === 'permanent') return 'failed';
  throw new DeliveryAttemptFailed(error ?? 'delivery failed');
}
