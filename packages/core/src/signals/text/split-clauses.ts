import { compactHangul } from './normalize-text.ts';

/**
 * A clause of a normalised message: the unit inside which negation windows look for "not",
 * "급하지 않", and within which hypothetical or question context applies.
 */
export type Clause = {
  /** Position in the message, from 0. */
  index: number;
  /** Normalised text with single spaces; Latin-script cues match here. */
  text: string;
  /** The same text with spaces between Hangul removed; Korean cues match here. */
  compact: string;
  /** The sentence this clause belongs to ended with a question mark. */
  isQuestion: boolean;
  /** The clause was introduced by "but", "however", "그런데", "근데", "하지만", "-지만"… */
  afterContrast: boolean;
};

// Sentence ends. A '.' between digits ("1.5", "v2.3") or inside a domain is not one.
const sentenceEnd = /\.+(?![0-9a-z])|[!?。！？…\n~]+/;
// "but" and friends start a new clause; the marker itself stays at the clause start.
const contrastSplit =
  /\s+(?=(?:but|however|although|though|unfortunately|sadly)\b)|(?<=[,;])\s*(?=(?:but|however)\b)|\s+(?=(?:그런데|근데|하지만|그러나|다만)(?:\s|,|$))|(?<=니다만|는데요?|한데요?|지만),?\s+/;
const contrastStart =
  /^(?:(?:but|however|although|though|unfortunately|sadly)\b|(?:그런데|근데|하지만|그러나|다만)(?:\s|,|$))/;
const contrastEnd = /(?:니다만|는데요?|한데요?|지만),?$/;

/** Splits normalised text into sentences and then clauses, keeping whether each was a question. */
export function splitClauses(normalized: string): Clause[] {
  const clauses: Clause[] = [];
  const sentencePattern = new RegExp(`[^]*?(?:${sentenceEnd.source}|$)`, 'g');
  let previousEndedInContrast = false;
  for (const match of normalized.matchAll(sentencePattern)) {
    const raw = match[0];
    if (raw.trim().length === 0) continue;
    const isQuestion = /[?？]/.test(raw);
    const body = raw.replace(new RegExp(`(?:${sentenceEnd.source})$`), '').trim();
    for (const part of body.split(contrastSplit)) {
      const text = part.trim().replace(/^[,;:]\s*/, '');
      if (text.length === 0) continue;
      clauses.push({
        index: clauses.length,
        text,
        compact: compactHangul(text),
        isQuestion,
        afterContrast: contrastStart.test(text) || previousEndedInContrast,
      });
      previousEndedInContrast = contrastEnd.test(text);
    }
  }
  return clauses;
}
