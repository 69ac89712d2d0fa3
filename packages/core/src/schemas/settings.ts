/**
 * Wire schemas of the workspace automation settings (GET/PATCH /settings/automation), kept in
 * workspaces.settings. Every key has a default, so a workspace that never saved settings
 * reads as the defaults; a PATCH names only what changes, nested objects included.
 */
import { z } from 'zod';
import { localizedTextSchema } from '../rules/templates.ts';
import { idSchema } from './common.ts';

/** The acknowledgement sent to a customer whose new ticket reads as urgent, by their language. */
export const defaultUrgentAcknowledgement = {
  ko: '안녕하세요 {{requester.name}}님, 긴급 문의로 접수되었습니다 (#{{ticket.number}}). 담당자가 바로 확인하고 있습니다.',
  en: "Hi {{requester.name}}, we've received your urgent request (#{{ticket.number}}) and an agent is looking at it now.",
} as const;

const ackTextSchema = localizedTextSchema(5000).describe(
  'Plain text with placeholders such as {{requester.name}} and {{ticket.number}}; one string or variants by language.',
);
const minConfidenceSchema = z
  .number()
  .min(0)
  .max(1)
  .describe('Thank-you detection confidence (0..1) needed to keep a ticket solved.');

export const automationSettingsSchema = z.object({
  locale: z.enum(['ko', 'en']).default('en').describe('Language of agent-facing automation text.'),
  businessCalendarId: idSchema.nullable().default(null).describe('Business hours for rules and SLA clocks.'),
  vipTeamId: idSchema
    .nullable()
    .default(null)
    .describe('New tickets from VIP requesters with no team go to this team.'),
  urgentAlerts: z
    .object({
      enabled: z.boolean().default(true),
      onDutyTeamId: idSchema.nullable().default(null).describe('Team notified of urgent new tickets.'),
      raisePriority: z.boolean().default(true),
      acknowledgement: z
        .object({
          enabled: z.boolean().default(true),
          text: ackTextSchema.default(defaultUrgentAcknowledgement),
        })
        .prefault({}),
    })
    .prefault({}),
  thanks: z
    .object({
      keepSolvedOnThanks: z
        .boolean()
        .default(true)
        .describe("A customer's plain thank-you on a solved ticket leaves it solved."),
      minConfidence: minConfidenceSchema.default(0.9),
    })
    .prefault({}),
  detectLanguage: z.boolean().default(true).describe("Set a new ticket's language from its first message."),
});
export type AutomationSettings = z.output<typeof automationSettingsSchema>;

export const updateAutomationSettingsSchema = z
  .object({
    locale: z.enum(['ko', 'en']).optional(),
    businessCalendarId: idSchema.nullable().optional(),
    vipTeamId: idSchema.nullable().optional(),
    urgentAlerts: z
      .object({
        enabled: z.boolean().optional(),
        onDutyTeamId: idSchema.nullable().optional(),
        raisePriority: z.boolean().optional(),
        acknowledgement: z
          .object({ enabled: z.boolean().optional(), text: ackTextSchema.optional() })
          .strict()
          .optional(),
      })
      .strict()
      .optional(),
    thanks: z
      .object({ keepSolvedOnThanks: z.boolean().optional(), minConfidence: minConfidenceSchema.optional() })
      .strict()
      .optional(),
    detectLanguage: z.boolean().optional(),
  })
  .strict()
  .describe('Only the keys given change; nested objects merge.');
export type UpdateAutomationSettingsInput = z.output<typeof updateAutomationSettingsSchema>;
