/** Wire schemas of organisations (the companies customers belong to). */
import { z } from 'zod';
import { attributesSchema, idSchema, paginationQuerySchema, timestampSchema } from './common.ts';

const nameSchema = z.string().trim().min(1).max(200);

/** RFC 1123 host names with at least one dot; internationalised names go in their xn-- form. */
export const domainSchema = z
  .string()
  .trim()
  .toLowerCase()
  .max(253)
  .regex(
    /^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/,
    'must be a host name such as example.com',
  );

const domainsSchema = z
  .array(domainSchema)
  .max(100)
  .transform((v) => [...new Set(v)])
  .describe(
    'Email domains of the organisation, unique in the workspace: a new customer writing from one joins it.',
  );

export const organizationSchema = z.object({
  id: idSchema,
  name: z.string(),
  domains: z.array(z.string()),
  attributes: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])),
  createdAt: timestampSchema,
  updatedAt: timestampSchema,
});
export type OrganizationDto = z.infer<typeof organizationSchema>;

export const createOrganizationSchema = z
  .object({
    name: nameSchema,
    domains: domainsSchema.default([]),
    attributes: attributesSchema.default({}),
  })
  .strict();
export type CreateOrganizationInput = z.output<typeof createOrganizationSchema>;

export const updateOrganizationSchema = z
  .object({
    name: nameSchema.optional(),
    domains: domainsSchema.optional().describe('Replaces all domains.'),
    attributes: attributesSchema
      .optional()
      .describe('Merged into the current attributes; null deletes a key.'),
  })
  .strict();
export type UpdateOrganizationInput = z.output<typeof updateOrganizationSchema>;

export const listOrganizationsQuerySchema = paginationQuerySchema
  .extend({
    q: z.string().trim().min(1).max(200).optional().describe('Part of the name, any case.'),
    domain: domainSchema.optional().describe('The organisation owning this domain.'),
  })
  .strict();
export type ListOrganizationsQuery = z.output<typeof listOrganizationsQuerySchema>;
