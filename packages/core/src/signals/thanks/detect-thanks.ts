import { type CueHit, matchCues } from '../cues/match-cues.ts';
import { detectLanguage } from '../language/detect-language.ts';
import { normalizeText } from '../text/normalize-text.ts';
import { type Clause, splitClauses } from '../text/split-clauses.ts';
import { stripQuotedHistory } from '../text/strip-quoted-history.ts';
import { closingThreshold, issueThreshold, questionMarkWeight, thanksLexicon } from './thanks-lexicon.ts';

/**
 * Thank-you detection for a customer's reply, typically on a solved ticket: 'thanks_only'
 * keeps it solved (the reply is recorded), 'thanks_with_issue' and 'none' let the usual
 * "customer replied → reopen" behaviour run. Deterministic: the decision is a sum of cue
 * weights from thanks-lexicon.ts, and `cues` lists every cue that counted.
 */

export type ThanksKind = 'thanks_only' | 'thanks_with_issue' | 'none';

export type ThanksDetection = {
  kind: ThanksKind;
  /** 0..1, how far the message is from the decision boundary. */
  confidence: number;
  /** Ids of the cues that decided, e.g. ['thanks.gamsa', 'issue.still_broken_ko']. */
  cues: string[];
};

type Tally = { thanks: number; sarcasm: boolean; resolved: number; issue: number; cues: string[] };

// Letters left over after the matched cues, above which a thank-you in a language we have no
// issue lexicon for is assumed to carry a request we cannot read.
const unreadLettersLimit = 25;
const readableLanguages = new Set(['ko', 'en']);

function family(hit: CueHit): string {
  if (hit.id.startsWith('issue.') && hit.negated) return 'resolved';
  if (hit.id.startsWith('resolved.') && hit.negated) return 'issue';
  return hit.id.slice(0, hit.id.indexOf('.'));
}

function tally(hits: readonly CueHit[], clauses: readonly Clause[]): Tally {
  const result: Tally = { thanks: 0, sarcasm: false, resolved: 0, issue: 0, cues: [] };
  const seen = new Set<string>();
  for (const hit of hits) {
    const kind = family(hit);
    const id = hit.negated ? `${hit.id}:negated` : hit.id;
    if (seen.has(id)) continue;
    seen.add(id);
    if (kind === 'thanks') result.thanks += hit.weight;
    else if (kind === 'sarcasm') result.sarcasm = true;
    else if (kind === 'resolved') result.resolved += hit.weight;
    else if (kind === 'issue') result.issue += hit.weight;
    else if (kind !== 'not_thanks') continue;
    result.cues.push(id);
  }
  if (clauses.some((clause) => clause.isQuestion)) {
    result.issue += questionMarkWeight;
    result.cues.push('issue.question_mark');
  }
  return result;
}

function unreadLetters(text: string, hits: readonly CueHit[]): number {
  let rest = text;
  for (const hit of hits) rest = rest.replace(hit.text, ' ');
  return (rest.match(/\p{L}/gu) ?? []).length;
}

function round(value: number): number {
  return Math.round(Math.min(0.99, Math.max(0, value)) * 100) / 100;
}

/**
 * Classifies a customer reply as a plain thank-you, a thank-you with a remaining issue or new
 * request, or no thanks at all. Quoted history is ignored. `locale` (the conversation's
 * language) is used when the message itself is too short to tell its language.
 */
export function detectThanks(text: string, locale?: string): ThanksDetection {
  const stripped = stripQuotedHistory(text);
  const normalized = normalizeText(stripped.text);
  const clauses = splitClauses(normalized);
  const hits = matchCues(clauses, thanksLexicon);
  const result = tally(hits, clauses);
  const context = stripped.removedHistory ? ['context.quoted_history_removed'] : [];

  const detected = detectLanguage(stripped.text).language;
  const language = detected === 'und' ? (locale?.slice(0, 2).toLowerCase() ?? 'und') : detected;
  if (
    result.thanks > 0 &&
    !readableLanguages.has(language) &&
    unreadLetters(normalized, hits) > unreadLettersLimit
  ) {
    result.issue += issueThreshold;
    result.cues.push('issue.unread_text');
  }
  const cues = [...result.cues, ...context];

  if (result.sarcasm || result.thanks === 0) {
    // Without an explicit thank-you, only a clean confirmation closes: any issue cue at all
    // ("you marked this as solved but nothing changed") keeps the usual reopen.
    if (!result.sarcasm && result.resolved >= closingThreshold && result.issue === 0) {
      return { kind: 'thanks_only', confidence: round(0.5 + 0.2 * result.resolved), cues };
    }
    return { kind: 'none', confidence: result.sarcasm ? 0.8 : round(0.95 - 0.2 * result.resolved), cues };
  }
  if (result.issue >= issueThreshold) {
    return {
      kind: 'thanks_with_issue',
      confidence: round(0.6 + 0.2 * (result.issue / issueThreshold)),
      cues,
    };
  }
  return {
    kind: 'thanks_only',
    confidence: round(0.95 - 0.45 * (result.issue / issueThreshold) + 0.04 * result.resolved),
    cues,
  };
}
