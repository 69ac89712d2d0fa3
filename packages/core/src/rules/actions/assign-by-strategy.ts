/**
 * Hands the choice of agent to the server's assignment strategies, which know agent status,
 * capacity and load. The chosen agent is unknown here, so later rules in the same run still
 * see the old assignee; the assignment arrives as its own change event.
 */
import { z } from 'zod';
import { idSchema } from '../../schemas/common.ts';
import { unknownIdErrors } from '../validate-conditions.ts';
import { defineAction, withTicket } from './action-definition.ts';

export const assignmentStrategies = ['round_robin', 'load_balanced', 'skill_based'] as const;

export const assignByStrategy = defineAction({
  type: 'assign_by_strategy',
  schema: z.strictObject({
    type: z.literal('assign_by_strategy'),
    strategy: z.enum(assignmentStrategies),
    teamId: idSchema
      .optional()
      .describe("Assign within this team (and move the ticket there); default the ticket's team."),
  }),
  plan: (action, facts) => ({
    type: 'assign_by_strategy' as const,
    strategy: action.strategy,
    teamId: action.teamId ?? facts.ticket.teamId,
  }),
  check: (action, context) => unknownIdErrors(context.knownIds, 'teams', action.teamId, '/teamId'),
  writes: (action) => [
    { key: 'assigneeId' },
    ...(action.teamId ? [{ key: 'teamId', to: action.teamId }] : []),
  ],
  apply: (effect, facts) =>
    effect.teamId === facts.ticket.teamId ? facts : withTicket(facts, { teamId: effect.teamId }),
});
