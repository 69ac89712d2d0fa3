import { z } from 'zod';
import { idSchema } from '../../schemas/common.ts';
import { unknownIdErrors } from '../validate-conditions.ts';
import { defineAction } from './action-definition.ts';

/** Queued by the server (signed, retried); a failing webhook never undoes the change that fired the rule. */
export const callWebhook = defineAction({
  type: 'call_webhook',
  schema: z.strictObject({ type: z.literal('call_webhook'), webhookId: idSchema }),
  plan: (action) => ({ type: 'call_webhook' as const, webhookId: action.webhookId }),
  check: (action, context) => unknownIdErrors(context.knownIds, 'webhooks', action.webhookId, '/webhookId'),
});
