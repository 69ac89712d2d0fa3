/**
 * Normalisation shared by the text signals. Cue patterns are written against this form, so
 * every lexicon can assume lower case, NFKC (full-width Latin and half-width kana folded),
 * straight quotes and single spaces.
 */

// Common Korean spelling variants customers type interchangeably: 돼/되 (안돼요, 안되요),
// 됬/됐 (a frequent misspelling) and 않되 (misspelt 안되). Folding them once means each cue lists
// one spelling only.
const koreanVariants: readonly [RegExp, string][] = [
  [/돼/g, '되'],
  [/됬/g, '됐'],
  [/않되/g, '안되'],
  [/됌/g, '됨'],
];

// NFKC would turn compatibility jamo ("ㄱㅅ", "ㅠㅠ", "ㅋㅋ") into conjoining jamo that no
// pattern spells, so Hangul runs only get NFC (which composes decomposed syllables).
const nonHangulRun = /[^\u1100-\u11ff\u3130-\u318f\uac00-\ud7a3]+/g;

/** Lower-cases, applies NFKC (NFC to Hangul), straightens quotes and collapses spaces (line breaks are kept). */
export function normalizeText(text: string): string {
  let out = text
    .normalize('NFC')
    .replace(nonHangulRun, (run) => run.normalize('NFKC'))
    .toLowerCase();
  out = out.replace(/[\u2018\u2019\u201b\u2032`]/g, "'").replace(/[\u201c\u201d\u201f\u2033]/g, '"');
  out = out.replace(/[\u2013\u2014\u2015]/g, ' - ');
  // Machine codes such as "card_declined" or "account_locked" read as words.
  out = out.replace(/(?<=\p{L})_(?=\p{L})/gu, ' ');
  for (const [pattern, replacement] of koreanVariants) out = out.replace(pattern, replacement);
  return out
    .replace(/[^\S\n]+/g, ' ')
    .replace(/ *\n */g, '\n')
    .trim();
}

const hangul = '\\u3131-\\u318e\\uac00-\\ud7a3';
const spaceBetweenHangul = new RegExp(`(?<=[${hangul}])\\s+(?=[${hangul}])`, 'g');

/**
 * Removes spaces between two Hangul characters, so "결제 오류" and "결제오류", "안 돼요" and
 * "안돼요" compare equal. Korean spacing is inconsistent in customer messages, and Korean cues
 * are written without spaces and matched against this form.
 */
export function compactHangul(text: string): string {
  return text.replace(spaceBetweenHangul, '');
}
