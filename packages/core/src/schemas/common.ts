/** Wire building blocks shared by every resource schema. */
import { z } from 'zod';

export const idSchema = z.uuid().describe('Resource id (UUID).');
export const timestampSchema = z.iso.datetime({ offset: true }).describe('RFC 3339 instant, UTC.');
export const channelSchema = z.enum(['email', 'chat', 'web', 'phone', 'api', 'social']);
export type Channel = z.infer<typeof channelSchema>;
export const languageSchema = z
  .string()
  .regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'must be a BCP 47 language tag such as ko or en-US');
export const tagSchema = z
  .string()
  .trim()
  .min(1)
  .max(80)
  .regex(/^[^\s,]+$/, 'must be one word without spaces or commas')
  .transform((t) => t.toLowerCase());
export const attributesSchema = z
  .record(z.string().min(1).max(100), z.union([z.string().max(2000), z.number(), z.boolean(), z.null()]))
  .refine((r) => Object.keys(r).length <= 100, 'at most 100 attributes')
  .describe('Free-form attributes: string, number, boolean or null values.');

export const paginationQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(25),
  cursor: z.string().max(500).optional().describe('Opaque cursor from a previous page.'),
});

export function pageSchema<T extends z.ZodType>(item: T) {
  return z.object({
    data: z.array(item),
    nextCursor: z.string().nullable().describe('Pass as `cursor` for the next page; null on the last page.'),
  });
}

export const problemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    instance: z.string(),
    code: z.string(),
    errors: z.array(z.object({ pointer: z.string(), message: z.string() })).optional(),
  })
  .describe('RFC 9457 problem details.');
