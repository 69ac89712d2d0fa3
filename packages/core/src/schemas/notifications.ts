/** Wire schemas of the notification outbox: messages rules and alerts want sent. */
import { z } from 'zod';
import { idSchema, paginationQuerySchema, timestampSchema } from './common.ts';

export const notificationStatusSchema = z.enum(['pending', 'sent', 'failed', 'skipped']);
export const notificationRecipientKindSchema = z.enum(['agent', 'team', 'requester']);

export const notificationSchema = z.object({
  id: idSchema,
  ticketId: idSchema.nullable(),
  recipientKind: notificationRecipientKindSchema,
  recipientId: idSchema.nullable().describe('The agent, team or contact addressed.'),
  recipientAddress: z.string().nullable().describe('The email address, once resolved.'),
  subject: z.string(),
  bodyText: z.string(),
  bodyHtml: z.string(),
  status: notificationStatusSchema,
  error: z.string().nullable().describe('Why sending failed or was skipped.'),
  cause: z.record(z.string(), z.unknown()).describe('What asked for it: the rule, SLA alert…'),
  createdAt: timestampSchema,
  sentAt: timestampSchema.nullable(),
});
export type NotificationDto = z.infer<typeof notificationSchema>;

export const listTicketNotificationsQuerySchema = paginationQuerySchema
  .extend({ status: notificationStatusSchema.optional() })
  .strict();

export const listNotificationsQuerySchema = listTicketNotificationsQuerySchema
  .extend({ ticketId: idSchema.optional(), recipientKind: notificationRecipientKindSchema.optional() })
  .strict();
export type ListNotificationsQuery = z.output<typeof listNotificationsQuerySchema>;
