import type { Clause } from '../text/split-clauses.ts';
import { isHypothetical, isNegated } from './context-windows.ts';

/**
 * One entry of a lexicon. Patterns are written against normalised text (lower case, NFKC,
 * 돼→되); a pattern containing Hangul is matched against the clause with the spaces between
 * Hangul removed, so it is written without spaces ("결제오류" also finds "결제 오류").
 */
export type Cue = {
  /** Stable id reported in `cues`, e.g. 'issue.still_broken'. */
  id: string;
  pattern: RegExp;
  /** Contribution to the score when matched and not negated. */
  weight: number;
  /** Look for a negation around the match ("not urgent", "오류 없이"). */
  negatable?: boolean;
};

export type CueHit = {
  id: string;
  weight: number;
  clause: number;
  text: string;
  negated: boolean;
  hypothetical: boolean;
};

const hangulPattern = /[\u3131-\u318e\uac00-\ud7a3]/;

type Span = { start: number; end: number };

function overlaps(spans: readonly Span[], start: number, end: number): boolean {
  return spans.some((span) => start < span.end && span.start < end);
}

function matchInClause(clause: Clause, cue: Cue, taken: Span[]): CueHit | undefined {
  const isKorean = hangulPattern.test(cue.pattern.source);
  const text = isKorean ? clause.compact : clause.text;
  const flags = cue.pattern.flags.includes('g') ? cue.pattern.flags : `${cue.pattern.flags}g`;
  for (const match of text.matchAll(new RegExp(cue.pattern.source, flags))) {
    const start = match.index;
    const end = start + match[0].length;
    if (end === start || overlaps(taken, start, end)) continue;
    taken.push({ start, end });
    const context = { before: text.slice(0, start), after: text.slice(end), isKorean };
    return {
      id: cue.id,
      weight: cue.weight,
      clause: clause.index,
      text: match[0],
      negated: cue.negatable === true && isNegated(context),
      hypothetical: isHypothetical(context),
    };
  }
  return undefined;
}

/**
 * Finds each cue at most once per clause. Cues are tried in lexicon order and a match may not
 * overlap text already claimed by an earlier cue, so specific phrases listed first ("thanks for
 * nothing", "problem solved") win over the generic words inside them ("thanks", "problem").
 */
export function matchCues(clauses: readonly Clause[], cues: readonly Cue[]): CueHit[] {
  const hits: CueHit[] = [];
  for (const clause of clauses) {
    const takenLatin: Span[] = [];
    const takenKorean: Span[] = [];
    for (const cue of cues) {
      const taken = hangulPattern.test(cue.pattern.source) ? takenKorean : takenLatin;
      const hit = matchInClause(clause, cue, taken);
      if (hit) hits.push(hit);
    }
  }
  return hits;
}
