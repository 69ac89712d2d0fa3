import { z } from 'zod';
import { idSchema } from '../../schemas/common.ts';
import { unknownIdErrors } from '../validate-conditions.ts';
import { defineAction, withTicket } from './action-definition.ts';

export const setAssignee = defineAction({
  type: 'set_assignee',
  schema: z.strictObject({ type: z.literal('set_assignee'), assigneeId: idSchema.nullable() }),
  plan: (action) => ({ type: 'set_assignee' as const, assigneeId: action.assigneeId }),
  check: (action, context) => unknownIdErrors(context.knownIds, 'users', action.assigneeId, '/assigneeId'),
  writes: (action) => [{ key: 'assigneeId', to: action.assigneeId }],
  apply: (effect, facts) =>
    withTicket(effect.assigneeId === facts.assignee?.id ? facts : { ...facts, assignee: null }, {
      assigneeId: effect.assigneeId,
    }),
});
