/**
 * Runs a failed job again (pg-boss `retry`: one more attempt on top of its limit). Only failed
 * jobs qualify: others are waiting, running or done. The retry and its audit event commit
 * together, through pg-boss writing in our transaction.
 */
import { DomainError, type JobDto, validationError } from '@switchboard/core';
import type { Kysely } from 'kysely';
import { fromKysely } from 'pg-boss';
import type { DB } from '../../../db/schema.ts';
import type { Actor } from '../../../platform/actor.ts';
import type { Deps } from '../../../platform/deps.ts';
import type { JobQueue } from '../../../platform/jobs.ts';
import { appendEvents } from '../../events/events.repository.ts';
import { type findWorkspaceJob, toJobDto } from '../workspace-jobs.ts';

/**
 * `job` was read before the transaction: on PGlite pg-boss's own reads would wait for the one
 * connection our transaction holds. The retry statement re-checks the state itself.
 */
export async function retryJob(
  deps: Pick<Deps, 'clock'> & { jobs: JobQueue },
  trx: Kysely<DB>,
  actor: Actor,
  job: NonNullable<Awaited<ReturnType<typeof findWorkspaceJob>>>,
): Promise<JobDto> {
  const notFailed = () =>
    validationError([{ pointer: '', message: `only failed jobs can be retried; this one is ${job.state}` }]);
  if (job.state !== 'failed') throw notFailed();
  // pg-boss types CommandResponse as an empty interface; at runtime it carries the count.
  const result = (await deps.jobs.boss.retry(job.name, job.id, { db: fromKysely(trx as never) })) as {
    affected?: number;
  };
  if (result.affected === 0) throw notFailed();
  const now = deps.clock.now();
  await appendEvents(trx, actor, now, [
    { subjectType: 'job', subjectId: job.id, type: 'job.retried', data: { queue: job.name } },
  ]);
  return { ...toJobDto(job), state: 'retry', completedAt: null };
}

export function jobNotFound(queue: string, id: string): DomainError {
  return new DomainError('JOB_NOT_FOUND', `Job ${id} does not exist in queue ${queue}.`);
}
