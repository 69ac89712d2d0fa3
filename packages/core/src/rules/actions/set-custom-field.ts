import { z } from 'zod';
import { validateCustomFieldValues } from '../../tickets/custom-fields.ts';
import { defineAction, withTicket } from './action-definition.ts';

export const setCustomField = defineAction({
  type: 'set_custom_field',
  schema: z.strictObject({
    type: z.literal('set_custom_field'),
    key: z.string().min(1).max(64),
    value: z.union([z.string(), z.number(), z.boolean(), z.null()]).describe('null clears the field.'),
  }),
  plan: (action) => ({ type: 'set_custom_field' as const, key: action.key, value: action.value }),
  check: (action, context) => {
    if (!context.customFields.some((field) => field.key === action.key)) {
      return [{ pointer: '/key', message: `Unknown custom field '${action.key}'.` }];
    }
    const { errors } = validateCustomFieldValues(context.customFields, { [action.key]: action.value });
    return errors.map((error) => ({ pointer: '/value', message: error.message }));
  },
  writes: (action) => [{ key: `customFields.${action.key}`, to: action.value }],
  apply: (effect, facts) =>
    withTicket(facts, { customFields: { ...facts.ticket.customFields, [effect.key]: effect.value } }),
});
