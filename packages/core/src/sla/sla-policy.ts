/** SLA policies: per-priority targets in minutes, counted in business or calendar time. */
import { z } from 'zod';
import { ticketPrioritySchema } from '../schemas/tickets.ts';

export const slaMetrics = ['first_response', 'next_response', 'resolution'] as const;
export type SlaMetric = (typeof slaMetrics)[number];

// A year of calendar minutes is far beyond any real target and keeps due times in range.
const targetMinutesSchema = z.number().int().min(1).max(525_600);

export const slaTargetSchema = z.strictObject({
  firstResponseMinutes: targetMinutesSchema.optional(),
  nextResponseMinutes: targetMinutesSchema.optional(),
  resolutionMinutes: targetMinutesSchema.optional(),
});
export type SlaTarget = z.infer<typeof slaTargetSchema>;

export const slaPolicySchema = z
  .strictObject({
    id: z.string().min(1).max(100),
    name: z.string().trim().min(1).max(200),
    targets: z.strictObject({
      low: slaTargetSchema.default({}),
      normal: slaTargetSchema.default({}),
      high: slaTargetSchema.default({}),
      urgent: slaTargetSchema.default({}),
    }),
    useBusinessHours: z
      .boolean()
      .describe('Count minutes on the business calendar instead of around the clock.'),
    warnBeforeMinutes: z
      .number()
      .int()
      .min(0)
      .max(525_600)
      .describe('Warn this many counted minutes before a target is due; 0 turns warnings off.'),
  })
  .superRefine((policy, context) => {
    const hasTarget = ticketPrioritySchema.options.some(
      (priority) => Object.values(policy.targets[priority]).filter((v) => v !== undefined).length > 0,
    );
    if (!hasTarget) {
      context.addIssue({
        code: 'custom',
        path: ['targets'],
        message: 'Set at least one target (first response, next response or resolution) for some priority.',
      });
    }
  });
export type SlaPolicy = z.infer<typeof slaPolicySchema>;
