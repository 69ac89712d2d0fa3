/**
 * Search terms for Korean, Japanese, Chinese and space-separated languages inside stock
 * PostgreSQL (no pg_bigm, no pg_trgm: PGlite must run the same SQL). The server stores
 * `array_to_tsvector(indexTerms(text))` in a GIN-indexed column and matches it with
 * `toTsQuery(q)`. CJK text has no reliable word boundaries (Korean spacing varies:
 * `환불요청` vs `환불 요청`), so those scripts are indexed as overlapping character bigrams,
 * with runs joined across whitespace so both spellings produce the same bigrams.
 */

/** A run is either a word of another script or a bigram-script run with whitespace removed. */
type Token = { kind: 'word'; text: string } | { kind: 'run'; units: string[] };

const maxWordLength = 64;
// 4,000 terms of at most 64 four-byte characters stay under tsvector's 1 MB size limit.
const maxIndexTerms = 4_000;
const maxQueryTerms = 32;

// Script_Extensions rather than Script: the prolonged sound mark 'ー' and the iteration mark
// are Script=Common but belong inside kana and Han runs. Hangul covers the conjoining jamo
// (U+1100-11FF) because NFKC turns compatibility jamo (U+3131-318E) into them.
const bigramChar = String.raw`[[\p{L}\p{N}]&&[\p{Script_Extensions=Han}\p{Script_Extensions=Hiragana}\p{Script_Extensions=Katakana}\p{Script_Extensions=Hangul}]]`;
const bigramUnit = String.raw`${bigramChar}\p{M}*`;
const wordChar = String.raw`[[\p{L}\p{N}]--${bigramChar}]`;

// A bigram run continues over whitespace but stops at punctuation or any other script;
// a word is letters and digits of other scripts with their combining marks.
const tokenPattern = new RegExp(
  String.raw`(?<run>${bigramUnit}(?:\s*${bigramUnit})*)|(?<word>${wordChar}[${wordChar}\p{M}]*)`,
  'gv',
);
const bigramUnitPattern = new RegExp(bigramUnit, 'gv');

function normalize(text: string): string {
  return text.normalize('NFKC').toLowerCase();
}

function truncateWord(word: string): string {
  return word.length <= maxWordLength ? word : Array.from(word).slice(0, maxWordLength).join('');
}

/** Lazily, so indexing stops reading a long body once the term cap is reached. */
function* tokenize(text: string): Generator<Token> {
  for (const match of normalize(text).matchAll(tokenPattern)) {
    const { run, word } = match.groups ?? {};
    if (run !== undefined) yield { kind: 'run', units: run.match(bigramUnitPattern) ?? [] };
    else if (word !== undefined) yield { kind: 'word', text: truncateWord(word) };
  }
}

/** Overlapping bigrams of a run; a one-character run is its own single term. */
function bigramsOf(units: readonly string[]): string[] {
  if (units.length === 1) return [...units];
  return units.slice(1).map((unit, index) => `${units[index]}${unit}`);
}

/**
 * Distinct index terms for `text`, in first-seen order, at most 4,000 of them. The terms are
 * already normalised; store them with `array_to_tsvector`, which does not re-parse them.
 */
export function indexTerms(text: string): string[] {
  const terms = new Set<string>();
  for (const token of tokenize(text)) {
    const tokenTerms = token.kind === 'word' ? [token.text] : bigramsOf(token.units);
    for (const term of tokenTerms) {
      terms.add(term);
      if (terms.size >= maxIndexTerms) return [...terms];
    }
  }
  return [...terms];
}

/** Single-quotes one lexeme per the tsquery input syntax, so no input is read as an operator. */
function quoteLexeme(lexeme: string): string {
  return `'${lexeme.replaceAll('\\', '\\\\').replaceAll("'", "''")}'`;
}

// Words and lone CJK characters match as prefixes so 'refund' finds 'refunded'; bigrams are
// exact because a bigram prefix would match unrelated bigrams sharing the first character.
function queryLexemes(token: Token): string[] {
  if (token.kind === 'word') return [`${quoteLexeme(token.text)}:*`];
  if (token.units.length === 1) return token.units.map((unit) => `${quoteLexeme(unit)}:*`);
  return bigramsOf(token.units).map(quoteLexeme);
}

/**
 * A tsquery string (for the 'simple' configuration) that ANDs every distinct term of
 * `query`, at most 32 of them; null when the query has no searchable characters.
 */
export function toTsQuery(query: string): string | null {
  const lexemes = new Set<string>();
  for (const token of tokenize(query)) {
    for (const lexeme of queryLexemes(token)) {
      if (lexemes.size >= maxQueryTerms) break;
      lexemes.add(lexeme);
    }
    if (lexemes.size >= maxQueryTerms) break;
  }
  return lexemes.size === 0 ? null : [...lexemes].join(' & ');
}

/** The text to index for a record: its non-blank parts, one per line. */
export function searchableText(parts: readonly (string | null | undefined)[]): string {
  return parts.filter((part): part is string => typeof part === 'string' && part.trim() !== '').join('\n');
}
