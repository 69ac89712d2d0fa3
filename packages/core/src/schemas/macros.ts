/**
 * Wire schemas of canned responses and macros (Freshdesk "scenarios"). Bodies and actions
 * are documented here, but their placeholders and action details are checked by the rules
 * engine (validateTemplate, the action registry) so every problem gets an exact pointer.
 */
import { z } from 'zod';
import type { RuleActionType } from '../rules/actions/registry.ts';
import { localizedTextSchema } from '../rules/templates.ts';
import { idSchema, timestampSchema } from './common.ts';

export const libraryVisibilities = ['shared', 'personal'] as const;
const visibilitySchema = z
  .enum(libraryVisibilities)
  .describe("'shared': the whole workspace (admins edit); 'personal': only its owner.");

export const maxCannedResponseLength = 20_000;
const nameSchema = z.string().trim().min(1).max(200);
const querySchema = z.object({
  q: z.string().trim().max(100).optional().describe('Case-insensitive substring of the name (or shortcut).'),
});

const localizedTextWire = z
  .union([z.string(), z.record(z.string(), z.string())])
  .describe('One text, or variants by language tag such as { "ko": "…", "en": "…" }.');

const shortcutSchema = z
  .string()
  .trim()
  .transform((s) => s.replace(/^\//, ''))
  .pipe(
    z
      .string()
      .min(1)
      .max(50)
      .regex(/^[\p{L}\p{N}_-]+$/u, 'letters, digits, - and _ only (no spaces)'),
  )
  .describe("Typed after '/' in the composer; unique, ignoring case, among the responses you see.");

export const cannedResponseSchema = z.object({
  id: idSchema,
  name: z.string(),
  shortcut: z.string().nullable(),
  bodies: localizedTextWire,
  visibility: visibilitySchema,
  ownerId: idSchema.nullable(),
  createdAt: timestampSchema,
  updatedAt: timestampSchema,
});
export type CannedResponseDto = z.infer<typeof cannedResponseSchema>;

const bodiesSchema = localizedTextSchema(maxCannedResponseLength).describe(
  'Placeholders such as {{ticket.number}} or {{requester.name}}; unknown ones are refused.',
);

export const createCannedResponseSchema = z
  .object({
    name: nameSchema,
    shortcut: shortcutSchema.nullable().optional(),
    bodies: bodiesSchema,
    visibility: visibilitySchema.default('personal'),
  })
  .strict();
export type CreateCannedResponseInput = z.output<typeof createCannedResponseSchema>;

export const updateCannedResponseSchema = z
  .object({
    name: nameSchema.optional(),
    shortcut: shortcutSchema.nullable().optional(),
    bodies: bodiesSchema.optional(),
    visibility: visibilitySchema.optional(),
  })
  .strict();
export type UpdateCannedResponseInput = z.output<typeof updateCannedResponseSchema>;

export const listCannedResponsesQuerySchema = querySchema;

export const renderCannedResponseSchema = z.object({ ticketId: idSchema }).strict();
export const renderedCannedResponseSchema = z.object({
  text: z.string(),
  html: z.string().describe('The text as escaped HTML paragraphs, ready for the composer.'),
  locale: z
    .string()
    .describe("The language it was rendered for: the requester's, else the ticket's or workspace's."),
});

/** The actions an agent may run in one click; notifications, webhooks, SLA and spam stay with rules. */
export const macroActionTypes = [
  'set_status',
  'set_priority',
  'set_type',
  'set_team',
  'set_assignee',
  'add_tags',
  'remove_tags',
  'set_custom_field',
  'add_note',
  'send_reply',
  'assign_by_strategy',
  'create_child_tickets',
] as const satisfies readonly RuleActionType[];
export type MacroActionType = (typeof macroActionTypes)[number];
export const maxMacroActions = 30;

const actionsSchema = z
  .array(z.looseObject({ type: z.string() }))
  .min(1)
  .max(maxMacroActions)
  .describe(`Rule actions run in order as one change; types: ${macroActionTypes.join(', ')}.`);

export const macroSchema = z.object({
  id: idSchema,
  name: z.string(),
  description: z.string().nullable(),
  visibility: visibilitySchema,
  ownerId: idSchema.nullable(),
  actions: actionsSchema,
  usageCount: z.number().int().describe('How many times it was applied.'),
  createdAt: timestampSchema,
  updatedAt: timestampSchema,
});
export type MacroDto = z.infer<typeof macroSchema>;

const descriptionSchema = z.string().trim().max(1000).nullable();

export const createMacroSchema = z
  .object({
    name: nameSchema,
    description: descriptionSchema.optional(),
    visibility: visibilitySchema.default('personal'),
    actions: actionsSchema,
  })
  .strict();
export type CreateMacroInput = z.output<typeof createMacroSchema>;

export const updateMacroSchema = z
  .object({
    name: nameSchema.optional(),
    description: descriptionSchema.optional(),
    visibility: visibilitySchema.optional(),
    actions: actionsSchema.optional(),
  })
  .strict();
export type UpdateMacroInput = z.output<typeof updateMacroSchema>;

export const listMacrosQuerySchema = querySchema;

export const macroPreviewSchema = z.object({
  macroId: idSchema,
  ticketId: idSchema,
  ticketVersion: z.number().int().describe('Send as If-Match ("<version>") when applying.'),
  effects: z
    .array(z.looseObject({ type: z.string() }))
    .describe('What each action would do, in order; replies and notes carry their rendered text.'),
  texts: z
    .array(
      z.object({
        actionIndex: z.number().int(),
        type: z.enum(['send_reply', 'add_note']),
        locale: z.string(),
        text: z.string(),
      }),
    )
    .describe('The replies and notes as they would be written.'),
});
export type MacroPreviewDto = z.infer<typeof macroPreviewSchema>;
