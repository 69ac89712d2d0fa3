/**
 * Negation and hypothetical context around a cue match, looked up inside its clause only.
 * English negation comes before the word ("not urgent", "no more errors") and sometimes after
 * ("the error is gone", "isn't crashing anymore"); Korean negation follows the word, after an
 * optional particle ("급하지 않아요", "오류 없이", "에러 안 나요", "유실 안 되게").
 */

const latinNegationBefore =
  /\b(?:not|no|never|without|nothing|none|no longer|isn't|aren't|wasn't|weren't|don't|doesn't|didn't|haven't|hasn't|won't|can't|cannot|couldn't|hardly)\b[^.!?]*$/;
const latinNegationAfter =
  /^[^.!?]{0,30}?\b(?:anymore|any more|no longer|went away|is gone|are gone|disappeared)\b/;
const koreanNegationBefore = /(?:안|덜)$/;
const koreanNegationAfter =
  /^(?:이|가|은|는|도|을|를|지|진|지는|한|하지|하지는|하진|한건|건|인건|게)?(?:않|아니|없|안나|안뜨|안떠|안생|사라졌|안되게|방지|예방)/;

const latinHypotheticalBefore =
  /\b(?:if|in case|what happens|what should|what if|avoid|prevent|when there's|when there is|how (?:do|can|to|does|should)|do you|does your|is there a way|tips|whenever|planning)\b/;
const koreanHypotheticalBefore = /만약|만일|혹시라도/;
const koreanHypotheticalAfter =
  /^.{0,3}?(?:하면|되면|이면|으면|할경우|일경우|경우|할때|일때|시에|시(?![작간])|려면|대비)/;

/** Words looked back over for English negation: "not urgent", "i'm not getting any errors". */
const negationLookbackWords = 4;
const hypotheticalLookbackWords = 10;

function lastWords(text: string, count: number): string {
  const words = text.trimEnd().split(/\s+/);
  return words.slice(Math.max(0, words.length - count)).join(' ');
}

export type ContextInput = { before: string; after: string; isKorean: boolean };

/** Whether the cue is negated by a nearby negation word in its clause. */
export function isNegated({ before, after, isKorean }: ContextInput): boolean {
  if (isKorean) return koreanNegationBefore.test(before) || koreanNegationAfter.test(after);
  return latinNegationBefore.test(lastWords(before, negationLookbackWords)) || latinNegationAfter.test(after);
}

/** Whether the cue sits in a conditional or preventive frame ("if my payment fails", "결제가 실패하면"). */
export function isHypothetical({ before, after, isKorean }: ContextInput): boolean {
  if (latinHypotheticalBefore.test(lastWords(before, hypotheticalLookbackWords))) return true;
  return isKorean && (koreanHypotheticalBefore.test(before) || koreanHypotheticalAfter.test(after));
}
