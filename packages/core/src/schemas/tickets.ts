/** Wire schemas of tickets and messages: they validate API requests and generate the OpenAPI document. */
import { z } from 'zod';
import { ticketStatuses } from '../tickets/ticket-status.ts';
import {
  attributesSchema,
  channelSchema,
  idSchema,
  languageSchema,
  tagSchema,
  timestampSchema,
} from './common.ts';

export const ticketStatusSchema = z.enum(ticketStatuses);
export const ticketPrioritySchema = z.enum(['low', 'normal', 'high', 'urgent']);
export type TicketPriority = z.infer<typeof ticketPrioritySchema>;
export const ticketTypeSchema = z.enum(['question', 'incident', 'problem', 'task']);
export type TicketType = z.infer<typeof ticketTypeSchema>;
export const messageVisibilitySchema = z.enum(['public', 'internal']);
export const customFieldValuesSchema = z
  .record(z.string(), z.unknown())
  .describe('Values by custom field key; checked against the field definitions. null clears a field.');

const subjectSchema = z.string().trim().min(1).max(500);
const tagsSchema = z.array(tagSchema).max(50);

export const messageBodyInputSchema = z.object({
  bodyText: z.string().max(200_000).optional().describe('Plain text body.'),
  bodyHtml: z.string().max(1_000_000).optional().describe('HTML body; sanitised on the way in.'),
  attachmentIds: z.array(idSchema).max(20).optional(),
});

export const requesterInputSchema = z
  .object({
    id: idSchema.optional(),
    email: z.email().max(320).optional(),
    phone: z.string().trim().min(3).max(40).optional(),
    externalId: z.string().trim().min(1).max(200).optional(),
    name: z.string().trim().min(1).max(200).optional(),
    language: languageSchema.optional(),
  })
  .strict()
  .refine((r) => r.id || r.email || r.phone || r.externalId, {
    message: 'give the requester id, email, phone or externalId',
  })
  .describe('An existing contact by id, or found-or-created by email, phone or external id.');

export const createTicketSchema = z
  .object({
    subject: subjectSchema,
    requester: requesterInputSchema,
    message: messageBodyInputSchema
      .extend({ visibility: messageVisibilitySchema.default('public') })
      .strict()
      .describe('The first message, written by the requester.'),
    channel: channelSchema.default('api'),
    status: z.enum(['new', 'open', 'pending', 'on_hold', 'solved']).default('new'),
    priority: ticketPrioritySchema.default('normal'),
    type: ticketTypeSchema.nullable().optional(),
    language: languageSchema.nullable().optional(),
    tags: tagsSchema.default([]),
    customFields: customFieldValuesSchema.default({}),
    assigneeId: idSchema.nullable().optional(),
    teamId: idSchema.nullable().optional(),
    parentId: idSchema.nullable().optional(),
    followerIds: z.array(idSchema).max(50).optional(),
    createdAt: timestampSchema
      .optional()
      .describe('For imports: when the request was really made. Default now.'),
  })
  .strict();
export type CreateTicketInput = z.output<typeof createTicketSchema>;

export const updateTicketSchema = z
  .object({
    subject: subjectSchema.optional(),
    status: ticketStatusSchema.optional(),
    priority: ticketPrioritySchema.optional(),
    type: ticketTypeSchema.nullable().optional(),
    language: languageSchema.nullable().optional(),
    tags: tagsSchema.optional().describe('Replaces all tags.'),
    addTags: tagsSchema.optional(),
    removeTags: tagsSchema.optional(),
    customFields: customFieldValuesSchema.optional().describe('Merged into the current values; null clears.'),
    requesterId: idSchema.optional(),
    assigneeId: idSchema.nullable().optional(),
    teamId: idSchema.nullable().optional(),
    parentId: idSchema.nullable().optional(),
    followerIds: z.array(idSchema).max(50).optional().describe('Replaces all followers.'),
  })
  .strict()
  .refine((u) => !(u.tags && (u.addTags || u.removeTags)), {
    message: 'use either tags or addTags/removeTags',
    path: ['tags'],
  });
export type UpdateTicketInput = z.output<typeof updateTicketSchema>;

export const createMessageSchema = messageBodyInputSchema
  .extend({
    visibility: messageVisibilitySchema.default('public'),
    author: z
      .enum(['me', 'requester'])
      .default('me')
      .describe(
        "'me': the caller writes (agent reply or note). 'requester': record a customer message (integrations).",
      ),
    channel: channelSchema
      .optional()
      .describe('Channel the message arrived or leaves on; default the ticket channel.'),
    metadata: attributesSchema.optional(),
  })
  .strict();
export type CreateMessageInput = z.output<typeof createMessageSchema>;

export const mergeTicketSchema = z
  .object({ targetTicketId: idSchema.describe('The ticket that receives the messages and stays open.') })
  .strict();

export const ticketSortSchema = z
  .enum(['updatedAt', '-updatedAt', 'createdAt', '-createdAt', 'number', '-number', 'priority', '-priority'])
  .default('-updatedAt');
export type TicketSort = z.infer<typeof ticketSortSchema>;

const csv = <T extends z.ZodType<string, string>>(item: T) =>
  z
    .union([z.string(), z.array(z.string())])
    .transform((v) => (Array.isArray(v) ? v : v.split(',')).map((s) => s.trim()).filter(Boolean))
    .pipe(z.array(item).max(50));

export const listTicketsQuerySchema = z
  .object({
    status: csv(ticketStatusSchema).optional().describe('Comma-separated statuses.'),
    priority: csv(ticketPrioritySchema).optional(),
    channel: csv(channelSchema).optional(),
    assigneeId: z
      .union([idSchema, z.literal('none')])
      .optional()
      .describe("An agent id, or 'none' for unassigned."),
    teamId: z.union([idSchema, z.literal('none')]).optional(),
    requesterId: idSchema.optional(),
    organizationId: idSchema.optional(),
    tags: csv(z.string().min(1).max(80)).optional().describe('Tickets carrying all these tags.'),
    createdAfter: timestampSchema.optional(),
    createdBefore: timestampSchema.optional(),
    updatedAfter: timestampSchema.optional(),
    updatedBefore: timestampSchema.optional(),
    q: z
      .string()
      .trim()
      .min(1)
      .max(200)
      .optional()
      .describe('Full-text search over subjects and messages (Korean and English).'),
    sort: ticketSortSchema,
    limit: z.coerce.number().int().min(1).max(100).default(25),
    cursor: z.string().max(500).optional(),
  })
  .strict();
export type ListTicketsQuery = z.output<typeof listTicketsQuerySchema>;

export const ticketSchema = z.object({
  id: idSchema,
  number: z.number().int(),
  subject: z.string(),
  status: ticketStatusSchema,
  priority: ticketPrioritySchema,
  type: ticketTypeSchema.nullable(),
  channel: channelSchema,
  language: z.string().nullable(),
  tags: z.array(z.string()),
  customFields: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])),
  requesterId: idSchema,
  organizationId: idSchema.nullable(),
  assigneeId: idSchema.nullable(),
  teamId: idSchema.nullable(),
  parentId: idSchema.nullable(),
  mergedIntoId: idSchema.nullable(),
  followUpOfId: idSchema.nullable(),
  followerIds: z.array(idSchema),
  version: z.number().int(),
  createdAt: timestampSchema,
  updatedAt: timestampSchema,
  firstResponseAt: timestampSchema.nullable(),
  solvedAt: timestampSchema.nullable(),
  closedAt: timestampSchema.nullable(),
  lastCustomerMessageAt: timestampSchema.nullable(),
  lastAgentMessageAt: timestampSchema.nullable(),
  source: z
    .object({ channelId: idSchema, name: z.string() })
    .nullable()
    .describe('The configured channel (web form, phone line, social account…) the ticket came through.'),
});
export type TicketDto = z.infer<typeof ticketSchema>;

export const attachmentSchema = z.object({
  id: idSchema,
  messageId: idSchema.nullable(),
  filename: z.string(),
  contentType: z.string(),
  sizeBytes: z.number().int(),
  sha256: z.string(),
  createdAt: timestampSchema,
});
export type AttachmentDto = z.infer<typeof attachmentSchema>;

export const messageSchema = z.object({
  id: idSchema,
  ticketId: idSchema,
  originalTicketId: idSchema,
  visibility: messageVisibilitySchema,
  authorType: z.enum(['contact', 'agent', 'bot', 'system']),
  authorId: idSchema.nullable(),
  channel: z.enum(['email', 'chat', 'web', 'phone', 'api', 'social', 'internal']),
  bodyHtml: z.string(),
  bodyText: z.string(),
  metadata: z.record(z.string(), z.unknown()),
  attachments: z.array(attachmentSchema),
  createdAt: timestampSchema,
  delivery: z
    .object({
      status: z.enum(['queued', 'sent', 'failed', 'skipped']),
      error: z.string().nullable(),
      sentAt: timestampSchema.nullable(),
    })
    .nullable()
    .describe('How the message went out by email (null: not mailed). A failure carries its reason.'),
});
export type MessageDto = z.infer<typeof messageSchema>;

export const eventSchema = z.object({
  id: z.string().describe('Monotonic event id (a decimal string: it is a 64-bit integer).'),
  subjectType: z.string(),
  subjectId: idSchema,
  ticketId: idSchema.nullable(),
  type: z
    .string()
    .describe('Past tense, dotted: ticket.created, ticket.updated, message.added, ticket.merged…'),
  actorType: z.enum(['agent', 'contact', 'api_token', 'system', 'rule', 'bot']),
  actorId: idSchema.nullable(),
  via: z.enum(['web', 'api', 'email', 'chat', 'phone', 'system', 'cli']),
  data: z.record(z.string(), z.unknown()),
  createdAt: timestampSchema,
});
export type EventDto = z.infer<typeof eventSchema>;
