/**
 * Background jobs of one workspace, read through pg-boss's own API (findJobs), never its
 * tables, so a pg-boss upgrade cannot silently break the listing. pg-boss jobs are shared by
 * every workspace: a job belongs to the one named by its `data.workspaceId`, and others'
 * jobs (and workspace-less ones such as the sweep) are invisible here.
 *
 * findJobs lists one queue oldest first and cannot filter by state, so a page is gathered by
 * scanning batches and keeping the wanted state. A scan stops after MAX_SCANNED jobs and
 * hands back a cursor: such a page may hold fewer jobs than asked, never skip any.
 */
import { DomainError, type JobDto, type JobState, type ListJobsQuery } from '@switchboard/core';
import type { FindJobsOptions, JobWithMetadata, PgBoss } from 'pg-boss';
import { invalidCursor } from '../contacts/list-ticket-page.ts';
import { decodeCursor, encodeCursor } from '../tickets/tickets.repository.ts';

/** Job payloads differ by queue; the API shows them as plain objects. */
type AnyJob = JobWithMetadata<unknown>;

const BATCH = 500;
const MAX_SCANNED = 5000;

const iso = (value: Date | string | null | undefined): string | null =>
  value ? new Date(value).toISOString() : null;

export function toJobDto(job: AnyJob): JobDto {
  const output = job.output as { message?: unknown } | null;
  const failed = job.state === 'failed' || job.state === 'retry';
  return {
    id: job.id,
    queue: job.name,
    state: job.state,
    data: { ...(job.data as Record<string, unknown>) },
    retryCount: job.retryCount,
    retryLimit: job.retryLimit,
    error: failed && typeof output?.message === 'string' ? output.message : null,
    createdAt: iso(job.createdOn) ?? '',
    startAfter: iso(job.startAfter) ?? '',
    startedAt: iso(job.startedOn),
    completedAt: iso(job.completedOn),
  };
}

/** One job of the workspace, or null (no such queue, no such job, or another workspace's). */
export async function findWorkspaceJob(
  boss: PgBoss,
  workspaceId: string,
  ref: { queue: string; id: string },
): Promise<AnyJob | null> {
  if (!(await boss.getQueue(ref.queue))) return null;
  const [job] = await boss.findJobs(ref.queue, { id: ref.id, data: { workspaceId }, limit: 1 });
  return job ?? null;
}

function decodeJobCursor(cursor: string, queues: readonly string[]): { start: number; after?: string } {
  const [queue, after] = decodeCursor(cursor, 2) ?? [];
  const start = typeof queue === 'string' ? queues.indexOf(queue) : -1;
  if (start < 0 || typeof after !== 'string') throw invalidCursor();
  return after === '' ? { start } : { start, after };
}

export async function listWorkspaceJobs(
  boss: PgBoss,
  workspaceId: string,
  query: ListJobsQuery,
): Promise<{ data: JobDto[]; nextCursor: string | null }> {
  const queues = query.queue
    ? (await boss.getQueue(query.queue))
      ? [query.queue]
      : []
    : (await boss.getQueues()).map((q) => q.name).sort();
  const { start, after } = query.cursor
    ? decodeJobCursor(query.cursor, queues)
    : { start: 0, after: undefined };
  const wanted: JobState | undefined = query.state;
  const queuedOnly = wanted === 'created' || wanted === 'retry';
  const found: AnyJob[] = [];
  let scanned = 0;
  for (let i = start; i < queues.length; i++) {
    const queue = queues[i] as string;
    let cursorId = i === start ? after : undefined;
    if (cursorId && (await boss.findJobs(queue, { id: cursorId, limit: 1 })).length === 0)
      throw invalidCursor();
    for (;;) {
      const options: FindJobsOptions = { data: { workspaceId }, queued: queuedOnly, limit: BATCH };
      if (cursorId) options.after = cursorId;
      const batch = await boss.findJobs(queue, options);
      for (const job of batch) {
        if (wanted && job.state !== wanted) continue;
        found.push(job);
        if (found.length > query.limit) {
          const last = found[query.limit - 1] as AnyJob;
          return {
            data: found.slice(0, query.limit).map(toJobDto),
            nextCursor: encodeCursor([last.name, last.id]),
          };
        }
      }
      scanned += batch.length;
      const lastScanned = batch.at(-1);
      if (batch.length < BATCH || !lastScanned) break;
      cursorId = lastScanned.id;
      if (scanned >= MAX_SCANNED)
        return { data: found.map(toJobDto), nextCursor: encodeCursor([queue, cursorId]) };
    }
  }
  return { data: found.map(toJobDto), nextCursor: null };
}

export function requireJobQueue<T>(jobs: T | null): T {
  if (!jobs) throw new DomainError('SERVICE_UNAVAILABLE', 'The job queue is not running in this process.');
  return jobs;
}
