import { defineAction } from './action-definition.ts';
import { checkBody, messageActionSchema, planBody } from './message-body.ts';

/** An internal note; written in the workspace's language, since only agents read it. */
export const addNote = defineAction({
  type: 'add_note',
  schema: messageActionSchema('add_note'),
  plan: (action, facts) => ({
    type: 'add_note' as const,
    body: planBody(action, facts, facts.workspaceLocale),
    locale: facts.workspaceLocale,
  }),
  check: checkBody,
});
