/** Wire schemas of the messenger: the admin settings and the visitor API. */
import { idSchema, languageSchema, timestampSchema } from '@switchboard/core';
import { z } from 'zod';

const preChatModeSchema = z.enum(['off', 'optional', 'required']);

export const messengerSettingsSchema = z.object({
  workspaceKey: z.string().describe('Public key for the script tag (`data-workspace`).'),
  enabled: z.boolean(),
  identityRequired: z.boolean().describe('Refuse anonymous visitors: only identified users may chat.'),
  identitySecretSet: z
    .boolean()
    .describe('Whether an identity secret exists (it is shown only when rotated).'),
  brandColor: z.string(),
  greeting: z.object({ ko: z.string(), en: z.string() }),
  preChat: z.object({ name: preChatModeSchema, email: preChatModeSchema }),
  updatedAt: timestampSchema,
});

export const updateMessengerSettingsSchema = z
  .object({
    enabled: z.boolean().optional(),
    identityRequired: z.boolean().optional(),
    brandColor: z
      .string()
      .regex(/^#[0-9a-fA-F]{6}$/, 'must be a colour such as #2563eb')
      .transform((c) => c.toLowerCase())
      .optional(),
    greeting: z
      .object({ ko: z.string().max(500).optional(), en: z.string().max(500).optional() })
      .strict()
      .optional(),
    preChat: z
      .object({ name: preChatModeSchema.optional(), email: preChatModeSchema.optional() })
      .strict()
      .optional(),
  })
  .strict();
export type UpdateMessengerSettingsInput = z.output<typeof updateMessengerSettingsSchema>;

export const publicMessengerSettingsSchema = z.object({
  enabled: z.boolean(),
  identityRequired: z.boolean(),
  brandColor: z.string(),
  greeting: z.object({ ko: z.string(), en: z.string() }),
  preChat: z.object({ name: preChatModeSchema, email: preChatModeSchema }),
});

const preChatSchema = z
  .object({
    name: z.string().trim().min(1).max(200).optional(),
    email: z.email().max(320).optional(),
  })
  .strict();
export type PreChatInput = z.output<typeof preChatSchema>;

export const createSessionSchema = z
  .object({
    workspaceKey: z.string().min(1).max(100),
    user: z
      .object({
        id: z.string().trim().min(1).max(200),
        hash: z.string().max(200).describe('HMAC-SHA256(identity secret, id), hex.'),
        name: z.string().trim().min(1).max(200).optional(),
        email: z.email().max(320).optional(),
      })
      .strict()
      .optional(),
    preChat: preChatSchema.optional(),
    language: languageSchema.optional(),
  })
  .strict();
export type CreateSessionInput = z.output<typeof createSessionSchema>;

export const visitorSchema = z.object({
  id: idSchema,
  identified: z.boolean(),
  name: z.string().nullable(),
  email: z.string().nullable(),
});

export const sessionSchema = z.object({
  token: z.string().describe('The visitor token: send it as `Authorization: Bearer <token>`.'),
  visitor: visitorSchema,
});

const clientMessageIdSchema = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,100}$/, 'must be 1-100 letters, digits, - or _')
  .describe('Chosen by the widget; a resend with the same id never adds a second message.');

export const sendMessageSchema = z
  .object({
    clientMessageId: clientMessageIdSchema,
    bodyText: z.string().max(20_000).default(''),
    attachmentIds: z.array(idSchema).max(10).default([]),
  })
  .strict();
export type SendMessageInput = z.output<typeof sendMessageSchema>;

export const startConversationSchema = sendMessageSchema
  .extend({ preChat: preChatSchema.optional() })
  .strict();
export type StartConversationInput = z.output<typeof startConversationSchema>;

export const visitorAttachmentSchema = z.object({
  id: idSchema,
  filename: z.string(),
  contentType: z.string(),
  sizeBytes: z.number().int(),
});

export const visitorMessageSchema = z.object({
  id: idSchema,
  conversationId: idSchema,
  clientMessageId: z.string().nullable(),
  author: z.object({ type: z.enum(['visitor', 'agent', 'bot', 'system']), name: z.string().nullable() }),
  bodyText: z.string(),
  attachments: z.array(visitorAttachmentSchema),
  createdAt: timestampSchema,
});
export type VisitorMessageDto = z.infer<typeof visitorMessageSchema>;

export const conversationSchema = z.object({
  id: idSchema,
  number: z.number().int(),
  subject: z.string(),
  status: z.string(),
  createdAt: timestampSchema,
  updatedAt: timestampSchema,
  read: z.object({
    visitor: idSchema.nullable().describe('The last message the visitor read.'),
    agent: idSchema.nullable().describe('The last message an agent read.'),
  }),
});
export type ConversationDto = z.infer<typeof conversationSchema>;

export const readSchema = z.object({ messageId: idSchema }).strict();
