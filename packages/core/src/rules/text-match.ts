/**
 * Text comparison for conditions. Text is compared after NFKC, lower-casing and collapsing
 * whitespace, so 'Refund  Request', 'refund request' and full-width 'ｒｅｆｕｎｄ' agree.
 * Word matching is word-aware for scripts with spaces and substring-based for Hangul, Han
 * and kana: Korean attaches particles to nouns ('환불을', '환불요청'), so a boundary rule
 * would miss nearly every real message.
 */

const maxCachedTexts = 256;
// Many leaves of many rules read the same message body; normalising a long body once per
// evaluation instead of once per leaf is what keeps text conditions cheap. A bounded map,
// cleared when full, keeps memory flat; results do not depend on it.
const normalizedCache = new Map<string, string>();

/** NFKC, lower-case, whitespace runs collapsed to one space, trimmed. */
export function normalizeText(text: string): string {
  const cached = normalizedCache.get(text);
  if (cached !== undefined) return cached;
  const normalized = text.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();
  if (normalizedCache.size >= maxCachedTexts) normalizedCache.clear();
  normalizedCache.set(text, normalized);
  return normalized;
}

const bigramScript = String.raw`[\p{Script_Extensions=Han}\p{Script_Extensions=Hiragana}\p{Script_Extensions=Katakana}\p{Script_Extensions=Hangul}]`;
const bigramScriptPattern = new RegExp(`^${bigramScript}$`, 'v');
// A letter, digit or mark of a script that separates words with spaces.
const spacedWordCharPattern = new RegExp(String.raw`^[[\p{L}\p{N}\p{M}]--${bigramScript}]$`, 'v');

function codePointBefore(text: string, index: number): string {
  if (index <= 0) return '';
  const low = text.charCodeAt(index - 1);
  const isLowSurrogate = low >= 0xdc00 && low <= 0xdfff;
  return text.slice(isLowSurrogate && index >= 2 ? index - 2 : index - 1, index);
}

function codePointAt(text: string, index: number): string {
  const point = text.codePointAt(index);
  return point === undefined ? '' : String.fromCodePoint(point);
}

type WordNeedle = { text: string; checkStart: boolean; checkEnd: boolean };

function toNeedle(word: string): WordNeedle | null {
  const text = normalizeText(word);
  if (text === '') return null;
  const last = codePointBefore(text, text.length);
  return {
    text,
    checkStart: !bigramScriptPattern.test(codePointAt(text, 0)),
    checkEnd: !bigramScriptPattern.test(last),
  };
}

function occursAsWord(haystack: string, needle: WordNeedle): boolean {
  let from = 0;
  for (;;) {
    const index = haystack.indexOf(needle.text, from);
    if (index < 0) return false;
    const end = index + needle.text.length;
    // A Latin word next to Hangul ('refund을') still counts: only same-kind letters join words.
    const startOk = !needle.checkStart || !spacedWordCharPattern.test(codePointBefore(haystack, index));
    const endOk = !needle.checkEnd || !spacedWordCharPattern.test(codePointAt(haystack, end));
    if (startOk && endOk) return true;
    from = index + 1;
  }
}

export type WordMatchMode = 'any' | 'all' | 'none';

/** A test for text containing any, all or none of `words` (each may be a phrase). */
export function compileWordMatcher(words: readonly string[], mode: WordMatchMode): (text: string) => boolean {
  const needles = words.map(toNeedle).filter((needle) => needle !== null);
  const test = (text: string, needle: WordNeedle) => occursAsWord(normalizeText(text), needle);
  if (mode === 'all') return (text) => needles.every((needle) => test(text, needle));
  if (mode === 'none') return (text) => !needles.some((needle) => test(text, needle));
  return (text) => needles.some((needle) => test(text, needle));
}
