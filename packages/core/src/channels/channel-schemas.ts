/** Wire schemas of configured channels, phone call logs and the generic inbound API. */
import { z } from 'zod';
import { attributesSchema, idSchema, timestampSchema } from '../schemas/common.ts';

export const channelKindSchema = z
  .enum(['web_form', 'phone', 'api', 'social'])
  .describe('web_form: the public contact form; phone: call logs; api and social: the generic inbound API.');
export type ChannelKind = z.infer<typeof channelKindSchema>;

const channelNameSchema = z.string().trim().min(1).max(200);

export const channelSettingsSchema = attributesSchema.describe(
  'Per-channel settings. Phone: `defaultCountry` (ISO 3166 alpha-2, default KR) for numbers written ' +
    'without a country code. Web form: `title` shown above the form.',
);

export const createChannelSchema = z
  .object({
    kind: channelKindSchema,
    name: channelNameSchema.describe('Shown on tickets that came through this channel.'),
    settings: channelSettingsSchema.default({}),
    enabled: z.boolean().default(true),
  })
  .strict();
export type CreateChannelInput = z.output<typeof createChannelSchema>;

export const updateChannelSchema = z
  .object({
    name: channelNameSchema.optional(),
    settings: channelSettingsSchema.optional().describe('Replaces all settings.'),
    enabled: z.boolean().optional(),
  })
  .strict();
export type UpdateChannelInput = z.output<typeof updateChannelSchema>;

export const channelDtoSchema = z.object({
  id: idSchema,
  kind: channelKindSchema,
  name: z.string(),
  settings: z.record(z.string(), z.unknown()),
  enabled: z.boolean(),
  createdAt: timestampSchema,
  updatedAt: timestampSchema,
});
export type ChannelDto = z.infer<typeof channelDtoSchema>;

const externalIdSchema = z.string().trim().min(1).max(200);

export const inboundMessageSchema = z
  .object({
    externalMessageId: externalIdSchema.describe(
      'The source’s id of this message: a retry with the same id is answered with the first result.',
    ),
    externalThreadId: externalIdSchema
      .optional()
      .describe('The source’s conversation id: messages of one thread continue one ticket.'),
    from: z
      .object({
        name: z.string().trim().min(1).max(200).optional(),
        email: z.email().max(320).optional(),
        phone: z.string().trim().min(3).max(40).optional(),
        externalUserId: externalIdSchema
          .optional()
          .describe('The sender’s id at the source (a social account id).'),
      })
      .strict()
      .refine((f) => f.email || f.phone || f.externalUserId, {
        message: 'give the sender’s email, phone or externalUserId',
      }),
    ticketId: idSchema
      .optional()
      .describe(
        'Continue this ticket (a conversation moving to this channel); its thread, if given, then maps to it.',
      ),
    subject: z.string().trim().min(1).max(500).optional().describe('Default: the start of the text.'),
    text: z.string().max(200_000).optional(),
    html: z.string().max(1_000_000).optional().describe('Sanitised on the way in.'),
    attachmentIds: z
      .array(idSchema)
      .max(20)
      .optional()
      .describe('Uploaded with POST /api/v1/attachments first.'),
  })
  .strict();
export type InboundMessageInput = z.output<typeof inboundMessageSchema>;

export const inboundResultSchema = z.object({
  ticketId: idSchema,
  ticketNumber: z.number().int(),
  messageId: idSchema,
  createdTicket: z.boolean().describe('True when this message opened a new ticket.'),
  followUpOfId: idSchema
    .nullable()
    .describe('Set when the thread’s ticket was closed and a follow-up was opened.'),
});
export type InboundResult = z.infer<typeof inboundResultSchema>;

const phoneInputSchema = z.string().trim().min(3).max(40);

export const logCallSchema = z
  .object({
    direction: z.enum(['inbound', 'outbound']),
    from: phoneInputSchema.describe('Caller number, any common format (010-1234-5678, +82 10 1234 5678).'),
    to: phoneInputSchema.describe('Called number.'),
    durationSeconds: z
      .number()
      .int()
      .min(0)
      .max(7 * 24 * 3600),
    startedAt: timestampSchema,
    endedAt: timestampSchema.optional(),
    agentId: idSchema.optional().describe('The agent on the call; default the caller of this API.'),
    channelId: idSchema
      .optional()
      .describe('A phone channel (line); default the workspace’s first phone channel, if any.'),
    ticketId: idSchema.optional().describe('Add the call to this ticket.'),
    attachToOpenTicket: z
      .boolean()
      .default(false)
      .describe('Without ticketId: add the call to the customer’s most recent open ticket, if any.'),
    contactName: z.string().trim().min(1).max(200).optional().describe('Name for a new contact.'),
    subject: z.string().trim().min(1).max(500).optional(),
    recordingAttachmentId: idSchema.optional().describe('An uploaded recording (POST /api/v1/attachments).'),
    recordingUrl: z
      .url({ protocol: /^https$/, hostname: z.regexes.domain })
      .max(2000)
      .optional()
      .describe('An https link to the recording at the telephony provider.'),
    transcript: z.string().max(200_000).optional(),
    notes: z.string().max(20_000).optional().describe('The agent’s summary, shown above the transcript.'),
    externalId: externalIdSchema
      .optional()
      .describe('The telephony system’s call id: logging it again returns the first log.'),
  })
  .strict();
export type LogCallInput = z.output<typeof logCallSchema>;

export const callDtoSchema = z.object({
  id: idSchema,
  ticketId: idSchema,
  messageId: idSchema,
  direction: z.enum(['inbound', 'outbound']),
  fromNumber: z.string().describe('E.164.'),
  toNumber: z.string().describe('E.164.'),
  durationSeconds: z.number().int(),
  agentId: idSchema.nullable(),
  recordingAttachmentId: idSchema.nullable(),
  recordingUrl: z.string().nullable(),
  transcript: z.string().nullable(),
  startedAt: timestampSchema,
  endedAt: timestampSchema.nullable(),
  externalId: z.string().nullable(),
  createdAt: timestampSchema,
});
export type CallDto = z.infer<typeof callDtoSchema>;
