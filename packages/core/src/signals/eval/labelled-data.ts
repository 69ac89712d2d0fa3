import languageRows from '../data/language-messages.json' with { type: 'json' };
import thanksRows from '../data/thanks-messages.json' with { type: 'json' };
import urgencyRows from '../data/urgency-messages.json' with { type: 'json' };
import type { ThanksKind } from '../thanks/detect-thanks.ts';

/**
 * The labelled message sets, typed. `split` was fixed when the messages were written, from a
 * hash of each text: 'dev' (~60%) could be looked at while building the lexicons, 'heldout'
 * (~40%) only ever through its aggregate figures. The probes were written later, each after the
 * lexicons had been frozen, in styles the first sets lacked (longer e-mails, slang, typos):
 * 'probe1' and 'probe2' were each scored once, then used for development like 'dev';
 * 'probe3', written after the last change, was scored once and never tuned on.
 */

export type Split = 'dev' | 'heldout' | 'probe1' | 'probe2' | 'probe3';
export type MessageLanguage = 'ko' | 'en' | 'mixed';

export type ThanksExample = {
  id: string;
  lang: MessageLanguage;
  label: ThanksKind;
  split: Split;
  text: string;
};
export type UrgencyExample = {
  id: string;
  lang: MessageLanguage;
  urgent: boolean;
  category: string | null;
  split: Split;
  text: string;
};
export type LanguageExample = { id: string; language: string; text: string };

export const thanksExamples = thanksRows as ThanksExample[];
export const urgencyExamples = urgencyRows as UrgencyExample[];
export const languageExamples = languageRows as LanguageExample[];
