import { z } from 'zod';
import { idSchema } from '../../schemas/common.ts';
import { unknownIdErrors } from '../validate-conditions.ts';
import { defineAction } from './action-definition.ts';

export const applySlaPolicy = defineAction({
  type: 'apply_sla_policy',
  schema: z.strictObject({ type: z.literal('apply_sla_policy'), policyId: idSchema }),
  plan: (action) => ({ type: 'apply_sla_policy' as const, policyId: action.policyId }),
  check: (action, context) => unknownIdErrors(context.knownIds, 'slaPolicies', action.policyId, '/policyId'),
});
