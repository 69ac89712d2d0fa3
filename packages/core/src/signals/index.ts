export { detectLanguage, type LanguageCode, type LanguageDetection } from './language/detect-language.ts';
export { type StrippedText, stripQuotedHistory } from './text/strip-quoted-history.ts';
export { detectThanks, type ThanksDetection, type ThanksKind } from './thanks/detect-thanks.ts';
export {
  detectUrgency,
  type UrgencyDetection,
  type UrgencyReason,
  urgencyReasons,
  urgencyThreshold,
} from './urgency/detect-urgency.ts';
