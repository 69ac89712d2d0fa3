/**
 * Letter counts per writing system, the first step of language detection: most of the
 * languages a Korean/English helpdesk meets are decided by their script alone, which is exact
 * and needs no model.
 */

export type ScriptCounts = {
  hangul: number;
  kana: number;
  han: number;
  latin: number;
  /** Scripts used by exactly one common language: Thai, Greek, Hebrew, Georgian, Armenian. */
  unique: Record<'th' | 'el' | 'he' | 'ka' | 'hy', number>;
  /** Cyrillic, Arabic, Devanagari and the rest: several languages share them, the model decides. */
  other: number;
  /** Weighted total; one CJK character counts as two letters (see `cjkLetterWeight`). */
  total: number;
};

/**
 * One Hangul syllable, kana or Han character carries about as much as two Latin letters, so
 * "PG사 결제 실패 error code 5003" (5 syllables, 11 Latin letters) reads as the Korean message it
 * is rather than as 31% Korean.
 */
export const cjkLetterWeight = 2;

const scripts = {
  hangul: /\p{Script=Hangul}/u,
  kana: /[\p{Script=Hiragana}\p{Script=Katakana}\u30fc]/u,
  han: /\p{Script=Han}/u,
  latin: /\p{Script=Latin}/u,
  th: /\p{Script=Thai}/u,
  el: /\p{Script=Greek}/u,
  he: /\p{Script=Hebrew}/u,
  ka: /\p{Script=Georgian}/u,
  hy: /\p{Script=Armenian}/u,
};

// Identifiers say nothing about the writer's language: URLs, e-mail addresses, and tokens
// mixing Latin letters and digits (order numbers, error codes, "v2", "2fa"). Digits next to
// CJK text stay with it: "エラー500が出ます" has no spaces to separate a code from the words.
const noise = /\bhttps?:\/\/\S+|\bwww\.\S+|\S+@\S+\.\S+|[\p{Script=Latin}_-]*\d[\p{Script=Latin}\d_-]*/gu;

/** Removes URLs, e-mail addresses and alphanumeric codes before counting letters. */
export function stripIdentifiers(text: string): string {
  return text.replace(noise, ' ');
}

/** Counts the letters of each script in the text (identifiers removed). */
export function countScripts(text: string): ScriptCounts {
  const counts: ScriptCounts = {
    hangul: 0,
    kana: 0,
    han: 0,
    latin: 0,
    unique: { th: 0, el: 0, he: 0, ka: 0, hy: 0 },
    other: 0,
    total: 0,
  };
  for (const char of stripIdentifiers(text)) {
    if (!/\p{L}/u.test(char) && char !== '\u30fc') continue;
    if (scripts.hangul.test(char)) counts.hangul += cjkLetterWeight;
    else if (scripts.kana.test(char)) counts.kana += cjkLetterWeight;
    else if (scripts.han.test(char)) counts.han += cjkLetterWeight;
    else if (scripts.latin.test(char)) counts.latin += 1;
    else if (scripts.th.test(char)) counts.unique.th += 1;
    else if (scripts.el.test(char)) counts.unique.el += 1;
    else if (scripts.he.test(char)) counts.unique.he += 1;
    else if (scripts.ka.test(char)) counts.unique.ka += 1;
    else if (scripts.hy.test(char)) counts.unique.hy += 1;
    else counts.other += 1;
  }
  const unique = Object.values(counts.unique).reduce((sum, n) => sum + n, 0);
  counts.total = counts.hangul + counts.kana + counts.han + counts.latin + counts.other + unique;
  return counts;
}
