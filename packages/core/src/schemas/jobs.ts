/** Wire schemas of background jobs, as the admin API shows them. */
import { z } from 'zod';
import { idSchema, paginationQuerySchema, timestampSchema } from './common.ts';

export const jobStateSchema = z.enum(['created', 'retry', 'active', 'completed', 'cancelled', 'failed']);
export type JobState = z.infer<typeof jobStateSchema>;

export const jobSchema = z.object({
  id: idSchema,
  queue: z.string(),
  state: jobStateSchema,
  data: z.record(z.string(), z.unknown()),
  retryCount: z.number().int().describe('Retries so far: the first attempt is 0.'),
  retryLimit: z.number().int(),
  error: z.string().nullable().describe('Why the last attempt failed.'),
  createdAt: timestampSchema,
  startAfter: timestampSchema.describe('When the job (or its next retry) may run.'),
  startedAt: timestampSchema.nullable(),
  completedAt: timestampSchema.nullable(),
});
export type JobDto = z.infer<typeof jobSchema>;

export const listJobsQuerySchema = paginationQuerySchema
  .extend({
    state: jobStateSchema.optional(),
    queue: z.string().min(1).max(200).optional().describe('A queue name such as webhook.deliver.'),
  })
  .strict();
export type ListJobsQuery = z.output<typeof listJobsQuerySchema>;
