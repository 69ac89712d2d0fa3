/**
 * Wire schemas of custom field definitions. Creation reuses the domain's definition schema,
 * so the API and every other writer judge a definition by the same rules.
 */
import { z } from 'zod';
import { customFieldDefinitionInputSchema, customFieldTypes } from '../tickets/custom-fields.ts';
import { timestampSchema } from './common.ts';

const optionSchema = z.object({ value: z.string(), label: z.string() });

export const customFieldSchema = z.object({
  key: z.string(),
  label: z.string(),
  type: z.enum(customFieldTypes),
  options: z.array(optionSchema),
  required: z.boolean().describe('Needed before a ticket can be solved.'),
  description: z.string().nullable(),
  createdAt: timestampSchema,
  updatedAt: timestampSchema,
});
export type CustomFieldDto = z.infer<typeof customFieldSchema>;

export const createCustomFieldSchema = customFieldDefinitionInputSchema;

/** Key and type never change: tickets store values under the key, typed by the type. */
export const updateCustomFieldSchema = z
  .object({
    label: z.string().trim().min(1).max(200).optional(),
    description: z.string().max(1000).nullable().optional(),
    required: z.boolean().optional(),
    options: z
      .array(z.strictObject({ value: z.string().min(1).max(100), label: z.string().trim().min(1).max(200) }))
      .optional()
      .describe('Replaces the options (dropdown only). Values still stored on tickets may be removed.'),
  })
  .strict();
export type UpdateCustomFieldInput = z.output<typeof updateCustomFieldSchema>;

export const customFieldKeyParamsSchema = z.object({ key: z.string().min(1).max(64) });
