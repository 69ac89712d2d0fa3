/**
 * The body of a note or reply: inline text with placeholders, or a canned response by id.
 * Inline text is rendered here from the facts; a canned response is stored server-side, so
 * its effect carries the id and the locale, and the server renders it with
 * `renderTemplate(text, templateContextOf(facts), { locale })`.
 */
import { z } from 'zod';
import type { FieldError } from '../../errors.ts';
import { idSchema } from '../../schemas/common.ts';
import type { RuleFacts } from '../rule-facts.ts';
import {
  type LocalizedText,
  localizedTextSchema,
  renderTemplate,
  templateContextOf,
  validateTemplate,
} from '../templates.ts';
import { unknownIdErrors } from '../validate-conditions.ts';
import type { ActionCheckContext } from './action-definition.ts';

export const maxMessageBodyLength = 50_000;

export type MessageBody = { body?: LocalizedText; cannedResponseId?: string };
export type PlannedBody = { text: string } | { cannedResponseId: string };

/** The schema of a note or reply action with this type. */
export function messageActionSchema<T extends string>(type: T) {
  return z
    .strictObject({
      type: z.literal(type),
      body: localizedTextSchema(maxMessageBodyLength).optional(),
      cannedResponseId: idSchema.optional(),
    })
    .superRefine((action, context) => {
      if ((action.body === undefined) === (action.cannedResponseId === undefined)) {
        context.addIssue({ code: 'custom', message: 'Give either body or cannedResponseId, not both.' });
      }
    });
}

export function planBody(action: MessageBody, facts: RuleFacts, locale: string): PlannedBody {
  if (action.cannedResponseId !== undefined) return { cannedResponseId: action.cannedResponseId };
  return { text: renderTemplate(action.body ?? '', templateContextOf(facts), { locale }) };
}

export function checkBody(action: MessageBody, context: ActionCheckContext): FieldError[] {
  if (action.body !== undefined) return validateTemplate(action.body, { ...context, pointer: '/body' });
  return unknownIdErrors(context.knownIds, 'cannedResponses', action.cannedResponseId, '/cannedResponseId');
}
