/**
 * Fans a ticket out to other teams (a refund to finance and logistics). Children are
 * internal work items, so their text is in the workspace's language. A subject whose
 * placeholders all render empty falls back to the parent's subject, because a ticket must
 * have one.
 */
import { z } from 'zod';
import { idSchema } from '../../schemas/common.ts';
import { localizedTextSchema, renderTemplate, templateContextOf, validateTemplate } from '../templates.ts';
import { unknownIdErrors } from '../validate-conditions.ts';
import { defineAction } from './action-definition.ts';

export const maxChildTickets = 10;

const childSchema = z.strictObject({
  teamId: idSchema,
  subject: localizedTextSchema(500),
  body: localizedTextSchema(20_000).optional(),
});

export const createChildTickets = defineAction({
  type: 'create_child_tickets',
  schema: z.strictObject({
    type: z.literal('create_child_tickets'),
    children: z.array(childSchema).min(1).max(maxChildTickets),
  }),
  plan: (action, facts) => {
    const context = templateContextOf(facts);
    const locale = facts.workspaceLocale;
    return {
      type: 'create_child_tickets' as const,
      children: action.children.map((child) => ({
        teamId: child.teamId,
        subject: renderTemplate(child.subject, context, { locale }).trim() || facts.ticket.subject,
        body: child.body === undefined ? null : renderTemplate(child.body, context, { locale }),
      })),
    };
  },
  check: (action, context) =>
    action.children.flatMap((child, index) => [
      ...unknownIdErrors(context.knownIds, 'teams', child.teamId, `/children/${index}/teamId`),
      ...validateTemplate(child.subject, { ...context, pointer: `/children/${index}/subject` }),
      ...(child.body === undefined
        ? []
        : validateTemplate(child.body, { ...context, pointer: `/children/${index}/body` })),
    ]),
});
