/**
 * Notifies someone through the outbox. The recipient stays symbolic ('assignee', the
 * ticket's team) and is resolved by the server when it applies the effect, after the
 * effects before it: "assign by round-robin, then notify the assignee" reaches the agent
 * the strategy picked. Requester-facing text uses the requester's language, agent-facing
 * text the workspace's.
 */
import { z } from 'zod';
import { idSchema } from '../../schemas/common.ts';
import {
  localizedTextSchema,
  renderTemplate,
  requesterLocaleOf,
  templateContextOf,
  validateTemplate,
} from '../templates.ts';
import { unknownIdErrors } from '../validate-conditions.ts';
import { defineAction } from './action-definition.ts';

export type NotifyRecipient =
  | { kind: 'assignee' }
  | { kind: 'requester' }
  | { kind: 'team'; teamId: string | null }
  | { kind: 'agent'; agentId: string };

const schema = z
  .strictObject({
    type: z.literal('notify'),
    target: z.enum(['assignee', 'team', 'requester', 'agent']),
    agentId: idSchema.optional().describe("Required when target is 'agent'."),
    teamId: idSchema.optional().describe("For target 'team'; default the ticket's team."),
    subject: localizedTextSchema(500),
    body: localizedTextSchema(20_000),
  })
  .superRefine((action, context) => {
    if ((action.target === 'agent') !== (action.agentId !== undefined)) {
      context.addIssue({
        code: 'custom',
        path: ['agentId'],
        message: "agentId goes with target 'agent', and only with it.",
      });
    }
    if (action.teamId !== undefined && action.target !== 'team') {
      context.addIssue({ code: 'custom', path: ['teamId'], message: "teamId goes only with target 'team'." });
    }
  });

function recipientOf(action: z.output<typeof schema>): NotifyRecipient {
  if (action.target === 'agent') return { kind: 'agent', agentId: action.agentId ?? '' };
  if (action.target === 'team') return { kind: 'team', teamId: action.teamId ?? null };
  return { kind: action.target };
}

export const notify = defineAction({
  type: 'notify',
  schema,
  plan: (action, facts) => {
    const locale = action.target === 'requester' ? requesterLocaleOf(facts) : facts.workspaceLocale;
    const context = templateContextOf(facts);
    return {
      type: 'notify' as const,
      to: recipientOf(action),
      subject: renderTemplate(action.subject, context, { locale }),
      body: renderTemplate(action.body, context, { locale }),
      locale,
    };
  },
  check: (action, context) => [
    ...unknownIdErrors(context.knownIds, 'users', action.agentId, '/agentId'),
    ...unknownIdErrors(context.knownIds, 'teams', action.teamId, '/teamId'),
    ...validateTemplate(action.subject, { ...context, pointer: '/subject' }),
    ...validateTemplate(action.body, { ...context, pointer: '/body' }),
  ],
});
