/**
 * Wire schemas of business-hours calendars, SLA policies and a ticket's SLA clocks, plus the
 * two checks their commands run on the merged (stored + patched) value, so POST and PATCH
 * report the same errors with the same pointers.
 */
import { z } from 'zod';
import type { FieldError } from '../errors.ts';
import type { RuleCondition } from '../rules/conditions.ts';
import { zodIssuesToErrors } from '../rules/pointer.ts';
import { validateConditions } from '../rules/validate-conditions.ts';
import { slaMetrics, slaTargetSchema } from '../sla/sla-policy.ts';
import type { CustomFieldDefinition } from '../tickets/custom-fields.ts';
import { businessCalendarSchema, holidaySchema, weeklyWindowSchema } from '../time/business-calendar.ts';
import { idSchema, timestampSchema } from './common.ts';

const calendarNameSchema = z.string().trim().min(1).max(200);

export const businessCalendarDtoSchema = z.object({
  id: idSchema,
  name: z.string(),
  timeZone: z.string(),
  weekly: z.array(weeklyWindowSchema),
  holidays: z.array(holidaySchema),
  createdAt: timestampSchema,
  updatedAt: timestampSchema,
});
export type BusinessCalendarDto = z.infer<typeof businessCalendarDtoSchema>;

const calendarFields = {
  name: calendarNameSchema,
  timeZone: z.string().max(100).describe('IANA time zone, such as Asia/Seoul.'),
  weekly: z
    .array(weeklyWindowSchema)
    .max(336)
    .describe('Working windows in local time; several per day allowed.'),
  holidays: z.array(holidaySchema).max(2000).describe('Local dates without working hours.'),
};

export const createBusinessCalendarSchema = z.strictObject({
  ...calendarFields,
  holidays: calendarFields.holidays.default([]),
});
export type CreateBusinessCalendarInput = z.output<typeof createBusinessCalendarSchema>;

export const updateBusinessCalendarSchema = z.strictObject(calendarFields).partial();
export type UpdateBusinessCalendarInput = z.output<typeof updateBusinessCalendarSchema>;

export const calendarStatusQuerySchema = z.object({
  at: timestampSchema.optional().describe('The instant to ask about; default now.'),
});

export const calendarStatusSchema = z.object({
  at: timestampSchema,
  isWithin: z.boolean().describe('Inside business hours at `at`.'),
  nextTransition: z
    .object({ kind: z.enum(['opens', 'closes']), at: timestampSchema })
    .nullable()
    .describe('When business hours next open or close; null if they never close again.'),
});

/** Every problem of a calendar (zone, windows, overlaps, holidays) as pointers into the body. */
export function businessCalendarErrors(calendar: unknown): FieldError[] {
  const parsed = businessCalendarSchema.safeParse(calendar);
  return parsed.success ? [] : zodIssuesToErrors(parsed.error.issues, '');
}

const conditionsSchema = z
  .unknown()
  .describe(
    'A rule condition tree ({ "all": [...] } / { "any": [...] } of { field, operator, value }), evaluated like a creation rule against the ticket. { "all": [] } matches every ticket.',
  );

const targetsSchema = z
  .strictObject({
    low: slaTargetSchema.optional(),
    normal: slaTargetSchema.optional(),
    high: slaTargetSchema.optional(),
    urgent: slaTargetSchema.optional(),
  })
  .describe('Targets in counted minutes per ticket priority; a missing metric has no clock.');

export const slaPolicyDtoSchema = z.object({
  id: idSchema,
  name: z.string(),
  description: z.string().nullable(),
  enabled: z.boolean(),
  position: z.number().int().describe('Policies are tried in ascending position; the first match applies.'),
  conditions: conditionsSchema,
  targets: z.object({
    low: slaTargetSchema,
    normal: slaTargetSchema,
    high: slaTargetSchema,
    urgent: slaTargetSchema,
  }),
  calendarId: idSchema.nullable().describe('Business calendar the targets count on; null counts 24/7.'),
  warnBeforeMinutes: z.number().int(),
  createdAt: timestampSchema,
  updatedAt: timestampSchema,
});
export type SlaPolicyDto = z.infer<typeof slaPolicyDtoSchema>;

const policyFields = {
  name: z.string().trim().min(1).max(200),
  description: z.string().trim().max(2000).nullable(),
  enabled: z.boolean(),
  conditions: conditionsSchema,
  targets: targetsSchema,
  calendarId: idSchema.nullable(),
  warnBeforeMinutes: z.number().int().min(0).max(525_600).describe('0 turns warnings off.'),
};

export const createSlaPolicySchema = z.strictObject({
  name: policyFields.name,
  description: policyFields.description.default(null),
  enabled: policyFields.enabled.default(true),
  conditions: conditionsSchema.default({ all: [] }),
  targets: targetsSchema,
  calendarId: policyFields.calendarId.default(null),
  warnBeforeMinutes: policyFields.warnBeforeMinutes.default(0),
});
export type CreateSlaPolicyInput = z.output<typeof createSlaPolicySchema>;

export const updateSlaPolicySchema = z
  .strictObject(policyFields)
  .partial()
  .describe('Change the order with PUT /sla-policies/order.');
export type UpdateSlaPolicyInput = z.output<typeof updateSlaPolicySchema>;

export const reorderSlaPoliciesSchema = z.strictObject({
  ids: z.array(idSchema).max(1000).describe('Every policy of the workspace, in the new order.'),
});

/** A policy's conditions checked as a creation rule's: the canonical tree or every error. */
export function validateSlaConditions(
  input: unknown,
  customFields: readonly CustomFieldDefinition[],
): { conditions: RuleCondition | null; errors: FieldError[] } {
  return validateConditions(input, { kind: 'creation', customFields });
}

const instantSchema = timestampSchema.nullable();

export const slaClockDtoSchema = z.object({
  metric: z.enum(slaMetrics),
  status: z.enum(['active', 'paused', 'met', 'breached', 'none']),
  startedAt: instantSchema,
  dueAt: instantSchema.describe('Null while paused: it depends on when the clock resumes.'),
  warnAt: instantSchema,
  breachedAt: instantSchema,
  metAt: instantSchema,
  targetMinutes: z.number().nullable(),
  elapsedBusinessMinutes: z.number(),
  remainingBusinessMinutes: z.number().nullable(),
});
export type SlaClockDto = z.infer<typeof slaClockDtoSchema>;

export const ticketSlaSchema = z.object({
  policy: z.object({ id: idSchema, name: z.string() }).nullable().describe('Null when no policy applies.'),
  pinned: z.boolean().describe('Applied by a rule (apply_sla_policy) rather than chosen by conditions.'),
  computedAt: timestampSchema.describe('The clocks are as of this instant (the time of the request).'),
  nextEventAt: instantSchema.describe('The next warning or breach, if a clock is running.'),
  firstResponse: slaClockDtoSchema.nullable(),
  nextResponse: slaClockDtoSchema.nullable(),
  resolution: slaClockDtoSchema.nullable(),
  nextResponseBreaches: z.array(slaClockDtoSchema).describe('Earlier breached next-response cycles.'),
});
export type TicketSlaDto = z.infer<typeof ticketSlaSchema>;
