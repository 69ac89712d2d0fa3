/** Wire schemas of outgoing webhooks and their deliveries. */
import { z } from 'zod';
import { idSchema, paginationQuerySchema, timestampSchema } from './common.ts';

/** Credentials in the URL would be stored and shown in clear; the signature authenticates us instead. */
const hasNoCredentials = (value: string) => {
  if (!URL.canParse(value)) return true; // reported by the URL check already
  const url = new URL(value);
  return url.username === '' && url.password === '';
};

export const webhookUrlSchema = z
  .url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL' })
  .max(2000)
  .refine(hasNoCredentials, 'must not contain a user name or password')
  .describe('Where deliveries are POSTed. Loopback and private-network targets are refused by default.');

const webhookNameSchema = z.string().trim().min(1).max(100);

export const webhookSchema = z.object({
  id: idSchema,
  name: z.string(),
  url: z.string(),
  enabled: z.boolean(),
  createdAt: timestampSchema,
  updatedAt: timestampSchema,
});
export type WebhookDto = z.infer<typeof webhookSchema>;

export const webhookWithSecretSchema = webhookSchema.extend({
  secret: z
    .string()
    .describe('The HMAC-SHA256 signing key (base64url). Shown only in this response: store it now.'),
});
export type WebhookWithSecretDto = z.infer<typeof webhookWithSecretSchema>;

export const createWebhookSchema = z
  .object({ name: webhookNameSchema, url: webhookUrlSchema, enabled: z.boolean().default(true) })
  .strict();
export type CreateWebhookInput = z.output<typeof createWebhookSchema>;

export const updateWebhookSchema = z
  .object({
    name: webhookNameSchema.optional(),
    url: webhookUrlSchema.optional(),
    enabled: z.boolean().optional(),
  })
  .strict()
  .describe('Rotate the secret with POST /webhooks/{id}/rotate-secret.');
export type UpdateWebhookInput = z.output<typeof updateWebhookSchema>;

export const webhookDeliveryStatusSchema = z.enum(['pending', 'delivered', 'failed']);

export const webhookDeliverySchema = z.object({
  id: idSchema.describe('Also sent as the X-Switchboard-Delivery header.'),
  webhookId: idSchema,
  type: z.string().describe('The payload type: rule.fired or webhook.ping.'),
  ticketId: idSchema.nullable(),
  ruleId: idSchema.nullable(),
  status: webhookDeliveryStatusSchema,
  attempts: z.number().int(),
  lastStatusCode: z.number().int().nullable().describe('The HTTP status of the last attempt, if it got one.'),
  lastError: z.string().nullable().describe('Why the last attempt failed.'),
  payload: z.record(z.string(), z.unknown()).describe('The JSON body sent.'),
  createdAt: timestampSchema,
  deliveredAt: timestampSchema.nullable(),
});
export type WebhookDeliveryDto = z.infer<typeof webhookDeliverySchema>;

export const listWebhookDeliveriesQuerySchema = paginationQuerySchema
  .extend({ status: webhookDeliveryStatusSchema.optional() })
  .strict();
export type ListWebhookDeliveriesQuery = z.output<typeof listWebhookDeliveriesQuerySchema>;
