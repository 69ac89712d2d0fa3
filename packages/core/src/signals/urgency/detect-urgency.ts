import { type CueHit, matchCues } from '../cues/match-cues.ts';
import { normalizeText } from '../text/normalize-text.ts';
import { type Clause, splitClauses } from '../text/split-clauses.ts';
import { stripQuotedHistory } from '../text/strip-quoted-history.ts';
import {
  infoQuestionPatternEn,
  recurrencePatternEn,
  resolvedPatternEn,
  urgencyCuesEn,
} from './urgency-lexicon-en.ts';
import {
  infoQuestionPatternKo,
  recurrencePatternKo,
  resolvedPatternKo,
  urgencyCuesKo,
} from './urgency-lexicon-ko.ts';

/**
 * Urgency of a customer message: outage, failed or double payment, blocked login, lost data,
 * security incident, legal threat or an explicit "urgent/긴급". The server raises priority,
 * alerts the on-duty team and acknowledges the customer when `urgent` is true. Deterministic:
 * each reason is the strongest cue of its family after negation ("not urgent", "급하지 않아요"),
 * hypotheticals ("if my payment fails"), questions asking for information, and resolutions
 * ("the outage yesterday is fixed") have lowered it.
 */

export const urgencyReasons = [
  'outage',
  'payment_failure',
  'login_blocked',
  'data_loss',
  'security',
  'legal_threat',
  'explicit_urgent',
] as const;
export type UrgencyReason = (typeof urgencyReasons)[number];

export type UrgencyDetection = {
  urgent: boolean;
  /** 0..1; `urgent` is `score >= urgencyThreshold`. */
  score: number;
  /** Reasons that counted, strongest first. */
  reasons: UrgencyReason[];
  /** Every cue seen, with ':negated', ':hypothetical', ':question' or ':resolved' when it was discounted. */
  cues: string[];
};

export const urgencyThreshold = 0.5;
/** Reason weight at or above which a reason is reported. */
const reasonFloor = 0.5;
const factors = { hypothetical: 0.2, question: 0.3, resolved: 0.2, notUrgent: 0.25 };
/** How fast the score approaches 1: one strong cue (weight 1) gives 0.70, a weak one (0.5) 0.45. */
const steepness = 1.2;
const lexicon = [...urgencyCuesEn, ...urgencyCuesKo];
const reasonSet = new Set<string>(urgencyReasons);

type ClauseContext = { isInfoQuestion: boolean; isHistory: boolean };

function clauseContexts(clauses: readonly Clause[]): ClauseContext[] {
  const isResolved = (c: Clause) => resolvedPatternEn.test(c.text) || resolvedPatternKo.test(c.compact);
  const isCurrent = (c: Clause) => recurrencePatternEn.test(c.text) || recurrencePatternKo.test(c.compact);
  const lastResolved = clauses.findLastIndex(isResolved);
  return clauses.map((clause) => ({
    isInfoQuestion: infoQuestionPatternEn.test(clause.text) || infoQuestionPatternKo.test(clause.compact),
    isHistory: clause.index <= lastResolved && !isCurrent(clause),
  }));
}

function discount(hit: CueHit, context: ClauseContext | undefined): { factor: number; note: string } {
  if (hit.negated) return { factor: 0, note: ':negated' };
  // A legal threat is conditional by nature ("if this isn't fixed today I will sue").
  if (hit.hypothetical && !hit.id.startsWith('legal_threat.')) {
    return { factor: factors.hypothetical, note: ':hypothetical' };
  }
  if (context?.isInfoQuestion) return { factor: factors.question, note: ':question' };
  if (context?.isHistory) return { factor: factors.resolved, note: ':resolved' };
  return { factor: 1, note: '' };
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}

function withoutReplyPrefix(subject: string): string {
  return subject.replace(/^\s*((re|fw|fwd|aw|답장|회신|전달)\s*:\s*)+/i, '');
}

/** Scores how urgent a customer message is; `subject` (an email subject) counts like the body. */
export function detectUrgency(text: string, subject?: string): UrgencyDetection {
  const body = stripQuotedHistory(text).text;
  const clauses = splitClauses(normalizeText([subject ? withoutReplyPrefix(subject) : '', body].join('\n')));
  const contexts = clauseContexts(clauses);
  const strongest = new Map<string, number>();
  const cues: string[] = [];
  let modifiers = 0;
  let notUrgent = false;
  for (const hit of matchCues(clauses, lexicon)) {
    const family = hit.id.slice(0, hit.id.indexOf('.'));
    const { factor, note } = discount(hit, contexts[hit.clause]);
    cues.push(`${hit.id}${note}`);
    if (family === 'dampener') notUrgent = true;
    else if (family === 'scope' || family === 'impact') modifiers = Math.min(0.6, modifiers + hit.weight);
    else strongest.set(family, Math.max(strongest.get(family) ?? 0, hit.weight * factor));
  }
  const reasonWeight = [...strongest.values()].reduce((sum, weight) => sum + weight, 0);
  let raw = reasonWeight + (reasonWeight >= 0.4 ? modifiers : 0);
  if (notUrgent) raw *= factors.notUrgent;
  const score = round(1 - Math.exp(-steepness * raw));
  const urgent = score >= urgencyThreshold;
  // A weak reason (a generic malfunction) is reported only when breadth or impact made it urgent.
  const reasons = [...strongest.entries()]
    .filter(([family, weight]) => reasonSet.has(family) && (weight >= reasonFloor || (urgent && weight > 0)))
    .sort((a, b) => b[1] - a[1])
    .map(([family]) => family as UrgencyReason);
  return { urgent, score, reasons, cues: [...new Set(cues)] };
}
