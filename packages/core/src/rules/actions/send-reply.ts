import { requesterLocaleOf } from '../templates.ts';
import { defineAction } from './action-definition.ts';
import { checkBody, messageActionSchema, planBody } from './message-body.ts';

/** A public reply to the requester, in their language when the text has a variant for it. */
export const sendReply = defineAction({
  type: 'send_reply',
  schema: messageActionSchema('send_reply'),
  plan: (action, facts) => {
    const locale = requesterLocaleOf(facts);
    return { type: 'send_reply' as const, body: planBody(action, facts, locale), locale };
  },
  check: checkBody,
});
