import { z } from 'zod';
import { idSchema } from '../../schemas/common.ts';
import { unknownIdErrors } from '../validate-conditions.ts';
import { defineAction, withTicket } from './action-definition.ts';

export const setTeam = defineAction({
  type: 'set_team',
  schema: z.strictObject({ type: z.literal('set_team'), teamId: idSchema.nullable() }),
  plan: (action) => ({ type: 'set_team' as const, teamId: action.teamId }),
  check: (action, context) => unknownIdErrors(context.knownIds, 'teams', action.teamId, '/teamId'),
  writes: (action) => [{ key: 'teamId', to: action.teamId }],
  apply: (effect, facts) => withTicket(facts, { teamId: effect.teamId }),
});
