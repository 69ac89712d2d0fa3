/** Wire schemas of contacts (customers) and their identities: requests, replies and list filters. */
import { z } from 'zod';
import {
  attributesSchema,
  idSchema,
  languageSchema,
  paginationQuerySchema,
  timestampSchema,
} from './common.ts';
import { userTimeZoneSchema } from './users.ts';

const nameSchema = z.string().trim().min(1).max(200);
const emailSchema = z.email().max(320);
// Stored as digits with an optional leading +; fewer than three digits identifies nobody.
const phoneSchema = z
  .string()
  .trim()
  .min(3)
  .max(40)
  .refine((v) => (v.match(/\d/g) ?? []).length >= 3, 'must contain at least 3 digits');
const externalIdSchema = z.string().trim().min(1).max(200);
const identityList = <T extends z.ZodType<string>>(item: T) => z.array(item).max(20);

export const contactSchema = z.object({
  id: idSchema,
  name: z.string(),
  emails: z.array(z.string()).describe('Lower-cased; each belongs to this contact only.'),
  phones: z.array(z.string()).describe('Digits with an optional leading +.'),
  externalIds: z.array(z.string()).describe('Ids of this customer in your other systems.'),
  language: z.string().nullable(),
  timeZone: z.string().nullable(),
  isVip: z.boolean(),
  organizationId: idSchema.nullable(),
  attributes: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])),
  createdAt: timestampSchema,
  updatedAt: timestampSchema,
});
export type ContactDto = z.infer<typeof contactSchema>;

export const createContactSchema = z
  .object({
    name: nameSchema,
    emails: identityList(emailSchema).default([]),
    phones: identityList(phoneSchema).default([]),
    externalIds: identityList(externalIdSchema).default([]),
    language: languageSchema.nullable().optional(),
    timeZone: userTimeZoneSchema.nullable().optional(),
    isVip: z.boolean().default(false),
    organizationId: idSchema.nullable().optional(),
    attributes: attributesSchema.default({}),
  })
  .strict();
export type CreateContactInput = z.output<typeof createContactSchema>;

export const updateContactSchema = z
  .object({
    name: nameSchema.optional(),
    emails: identityList(emailSchema).optional().describe('Replaces all emails.'),
    phones: identityList(phoneSchema).optional().describe('Replaces all phones.'),
    externalIds: identityList(externalIdSchema).optional().describe('Replaces all external ids.'),
    language: languageSchema.nullable().optional(),
    timeZone: userTimeZoneSchema.nullable().optional(),
    isVip: z.boolean().optional(),
    organizationId: idSchema.nullable().optional(),
    attributes: attributesSchema
      .optional()
      .describe('Merged into the current attributes; null deletes a key.'),
  })
  .strict();
export type UpdateContactInput = z.output<typeof updateContactSchema>;

export const mergeContactSchema = z
  .object({
    targetContactId: idSchema.describe('The contact that receives the identities and tickets and stays.'),
  })
  .strict();

const booleanQuery = z.enum(['true', 'false']).transform((v) => v === 'true');

export const listContactsQuerySchema = paginationQuerySchema
  .extend({
    q: z
      .string()
      .trim()
      .min(1)
      .max(200)
      .optional()
      .describe('Part of the name (any case), or an exact email, phone or external id.'),
    email: z.string().trim().min(1).max(320).optional(),
    phone: z.string().trim().min(1).max(40).optional(),
    externalId: z.string().trim().min(1).max(200).optional(),
    organizationId: idSchema.optional(),
    isVip: booleanQuery.optional(),
  })
  .strict();
export type ListContactsQuery = z.output<typeof listContactsQuerySchema>;
