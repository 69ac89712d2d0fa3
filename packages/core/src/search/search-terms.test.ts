import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { indexTerms, searchableText, toTsQuery } from './search-terms.ts';

type Lexeme = { text: string; prefix: boolean };

// Reads back the lexemes of a query built by toTsQuery (quoted, optionally ':*', joined by ' & ').
function lexemesOf(query: string): Lexeme[] {
  return [...query.matchAll(/'((?:[^']|'')*)'(:\*)?/g)].map((match) => ({
    text: (match[1] ?? '').replaceAll("''", "'"),
    prefix: match[2] !== undefined,
  }));
}

/** Whether every lexeme of the query is among the index terms (by prefix where marked). */
function isFound(query: string, text: string): boolean {
  const tsQuery = toTsQuery(query);
  assert.ok(tsQuery, `query ${JSON.stringify(query)} should have terms`);
  const terms = indexTerms(text);
  return lexemesOf(tsQuery).every(({ text: lexeme, prefix }) =>
    terms.some((term) => (prefix ? term.startsWith(lexeme) : term === lexeme)),
  );
}

const safeTsQuery = /^'(?:[^'\\]|''|\\\\)+'(?::\*)?(?: & '(?:[^'\\]|''|\\\\)+'(?::\*)?)*$/;

describe('indexTerms', () => {
  const cases: { name: string; text: string; terms: string[] }[] = [
    { name: 'Korean run as bigrams', text: '환불요청', terms: ['환불', '불요', '요청'] },
    { name: 'Korean run joined across spaces', text: '환불 요청', terms: ['환불', '불요', '요청'] },
    { name: 'Korean run joined across a line break', text: '환불\n\t요청', terms: ['환불', '불요', '요청'] },
    { name: 'comma splits a run', text: '환불,요청', terms: ['환불', '요청'] },
    { name: 'Latin splits a run', text: '환불 abc 요청', terms: ['환불', 'abc', '요청'] },
    { name: 'single character run', text: '돈', terms: ['돈'] },
    {
      name: 'mixed Korean and English',
      text: 'PG사 결제 실패 error code 5003',
      terms: ['pg', '사결', '결제', '제실', '실패', 'error', 'code', '5003'],
    },
    { name: 'katakana with the prolonged sound mark', text: 'コーヒー', terms: ['コー', 'ーヒ', 'ヒー'] },
    { name: 'hiragana', text: 'ありがとう', terms: ['あり', 'りが', 'がと', 'とう'] },
    { name: 'half-width katakana', text: 'ｺｰﾋｰ', terms: ['コー', 'ーヒ', 'ヒー'] },
    { name: 'Han run', text: '東京都 渋谷区', terms: ['東京', '京都', '都渋', '渋谷', '谷区'] },
    { name: 'Japanese punctuation splits runs', text: '東京、大阪。', terms: ['東京', '大阪'] },
    { name: 'full-width Latin is NFKC-folded', text: 'ＡＢＣ１２３', terms: ['abc123'] },
    { name: 'lowercase', text: 'Refund REFUND', terms: ['refund'] },
    {
      name: 'punctuation separates words',
      text: "it's re-opened (again)!",
      terms: ['it', 's', 're', 'opened', 'again'],
    },
    { name: 'combining marks stay in their word', text: 'हिन्दी café', terms: ['हिन्दी', 'café'] },
    { name: 'a lone mark is a separator', text: 'a \u0301 b', terms: ['a', 'b'] },
    { name: 'underscores and emoji separate', text: 'order_id😀ok', terms: ['order', 'id', 'ok'] },
    { name: 'dedupe in first-seen order', text: 'b a b 가나 가나', terms: ['b', 'a', '가나', '나가'] },
    { name: 'nothing to index', text: ' -- !! ', terms: [] },
  ];
  for (const { name, text, terms } of cases) {
    it(name, () => assert.deepEqual(indexTerms(text), terms));
  }

  it('truncates words to 64 characters without splitting surrogate pairs', () => {
    assert.deepEqual(indexTerms('x'.repeat(100)), ['x'.repeat(64)]);
    assert.deepEqual(indexTerms('𐌰'.repeat(70)), ['𐌰'.repeat(64)]);
  });

  it('keeps the first 4,000 distinct terms', () => {
    const words = Array.from({ length: 5_000 }, (_, index) => `w${index}`);
    assert.deepEqual(indexTerms(words.join(' ')), words.slice(0, 4_000));
  });
});

describe('toTsQuery', () => {
  const cases: { name: string; query: string; tsQuery: string | null }[] = [
    { name: 'English word as prefix', query: 'Refund', tsQuery: "'refund':*" },
    { name: 'words are ANDed', query: 'refund  failed', tsQuery: "'refund':* & 'failed':*" },
    { name: 'Korean bigrams are exact', query: '환불요청', tsQuery: "'환불' & '불요' & '요청'" },
    { name: 'Korean with a space', query: '환불 요청', tsQuery: "'환불' & '불요' & '요청'" },
    { name: 'lone Korean character as prefix', query: '돈', tsQuery: "'돈':*" },
    { name: 'mixed scripts', query: 'PG사 error', tsQuery: "'pg':* & '사':* & 'error':*" },
    { name: 'duplicates dropped', query: 'a A a 가나, 가나', tsQuery: "'a':* & '가나'" },
    { name: 'NFKC', query: 'ＡＢＣ', tsQuery: "'abc':*" },
    { name: 'empty', query: '', tsQuery: null },
    { name: 'whitespace only', query: ' \t\n ', tsQuery: null },
    { name: 'operators only', query: "&|!():*<>'\\", tsQuery: null },
  ];
  for (const { name, query, tsQuery } of cases) {
    it(name, () => assert.equal(toTsQuery(query), tsQuery));
  }

  const injections = [
    "refund' | 'x",
    "'; drop table tickets; --",
    'a & !b | (c <-> d):*',
    "o'brien\\' & x",
    "환불' | '요청",
    "a:*B & 'c'':*",
  ];
  for (const attempt of injections) {
    it(`keeps ${JSON.stringify(attempt)} inside quoted lexemes`, () => {
      const tsQuery = toTsQuery(attempt);
      assert.ok(tsQuery);
      assert.match(tsQuery, safeTsQuery);
      for (const { text } of lexemesOf(tsQuery)) assert.match(text, /^[\p{L}\p{N}\p{M}]+$/u);
    });
  }

  it('keeps the first 32 lexemes', () => {
    const words = Array.from({ length: 40 }, (_, index) => `w${index}`);
    assert.equal(
      toTsQuery(words.join(' ')),
      words
        .slice(0, 32)
        .map((word) => `'${word}':*`)
        .join(' & '),
    );
  });

  it('caps a long Korean run at 32 bigrams', () => {
    const syllables = Array.from({ length: 40 }, (_, index) => String.fromCodePoint(0xac00 + index * 28));
    const tsQuery = toTsQuery(syllables.join(''));
    assert.ok(tsQuery);
    assert.equal(lexemesOf(tsQuery).length, 32);
  });
});

describe('query terms are found in index terms', () => {
  const cases: { name: string; query: string; text: string; found: boolean }[] = [
    {
      name: 'joined query, spaced text',
      query: '환불요청',
      text: '고객님의 환불 요청 건입니다',
      found: true,
    },
    { name: 'spaced query, joined text', query: '환불 요청', text: '환불요청 처리 완료', found: true },
    { name: 'comma in the text breaks the run', query: '환불요청', text: '환불,요청', found: false },
    {
      name: 'mixed Korean and English',
      query: 'PG사 결제 실패 error code 5003',
      text: '어제 PG사 결제 실패: Error code 5003 발생',
      found: true,
    },
    {
      name: 'part of a mixed ticket',
      query: '결제 실패 5003',
      text: 'PG사 결제 실패 error code 5003',
      found: true,
    },
    { name: 'English prefix, plural', query: 'refund', text: 'Two refunds were issued', found: true },
    { name: 'English prefix, past tense', query: 'refund', text: 'We refunded you', found: true },
    { name: 'prefix does not match mid-word', query: 'fund', text: 'We refunded you', found: false },
    { name: 'lone character starting a bigram', query: '돈', text: '돈을 돌려주세요', found: true },
    { name: 'katakana', query: 'コーヒー', text: '昨日 コーヒー を買いました', found: true },
    { name: 'Han', query: '渋谷', text: '東京都渋谷区', found: true },
    { name: 'missing word', query: '환불 invoice', text: '환불 요청', found: false },
    { name: 'full-width query', query: 'ＥＲＲＯＲ', text: 'error', found: true },
    { name: 'long word truncated on both sides', query: 'y'.repeat(80), text: 'y'.repeat(90), found: true },
  ];
  for (const { name, query, text, found } of cases) {
    it(`${name}: ${found ? 'found' : 'not found'}`, () => assert.equal(isFound(query, text), found));
  }
});

describe('searchableText', () => {
  const cases: { parts: (string | null | undefined)[]; text: string }[] = [
    { parts: ['Subject', 'Body'], text: 'Subject\nBody' },
    { parts: [null, 'Body', undefined, '', '  '], text: 'Body' },
    { parts: [' keeps spacing '], text: ' keeps spacing ' },
    { parts: [], text: '' },
  ];
  for (const { parts, text } of cases) {
    it(`joins ${JSON.stringify(parts)}`, () => assert.equal(searchableText(parts), text));
  }
});
