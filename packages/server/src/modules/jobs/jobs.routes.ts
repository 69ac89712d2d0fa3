/**
 * Background jobs of the workspace, for admins: what failed, what waits for a retry, and a
 * button to run a failed one again. Answers 503 where this process runs no job queue.
 */
import { idSchema, jobSchema, listJobsQuerySchema, pageSchema } from '@switchboard/core';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../http/auth.ts';
import type { Deps } from '../../platform/deps.ts';
import { jobNotFound, retryJob } from './commands/retry-job.ts';
import { findWorkspaceJob, listWorkspaceJobs, requireJobQueue } from './workspace-jobs.ts';

const tags = ['Jobs'];

export function registerJobRoutes(app: FastifyInstance, deps: Deps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/jobs',
    {
      config: { auth: 'admin' },
      schema: {
        tags,
        summary: 'Background jobs of the workspace',
        description:
          'Oldest first, by queue name then creation. Filter by `state` (failed, retry, active, created…) ' +
          'and `queue` (such as webhook.deliver). A page may hold fewer jobs than `limit` when many ' +
          'had to be passed over; keep following `nextCursor` until it is null.',
        querystring: listJobsQuerySchema,
        response: { 200: pageSchema(jobSchema) },
      },
    },
    async (request) => {
      const jobs = requireJobQueue(deps.jobs);
      return listWorkspaceJobs(jobs.boss, actorOf(request).workspaceId, request.query);
    },
  );

  r.post(
    '/jobs/:queue/:id/retry',
    {
      config: { auth: 'admin' },
      schema: {
        tags,
        summary: 'Retry a failed job',
        description:
          'Gives a failed job one more attempt now. A webhook delivery job redelivers its payload.',
        params: z.object({ queue: z.string().min(1).max(200), id: idSchema }),
        response: { 200: jobSchema },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const jobs = requireJobQueue(deps.jobs);
      const { queue, id } = request.params;
      const job = await findWorkspaceJob(jobs.boss, actor.workspaceId, { queue, id });
      if (!job) throw jobNotFound(queue, id);
      return deps.db.transaction().execute((trx) => retryJob({ clock: deps.clock, jobs }, trx, actor, job));
    },
  );
}
