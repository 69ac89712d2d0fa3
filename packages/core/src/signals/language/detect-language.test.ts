import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { languageExamples } from '../eval/labelled-data.ts';
import { accuracy } from '../eval/metrics.ts';
import { detectLanguage } from './detect-language.ts';

describe('detectLanguage', () => {
  const cases: { text: string; language: string; method: string }[] = [
    { text: 'PG사 결제 실패 error code 5003', language: 'ko', method: 'script' },
    { text: '환불', language: 'ko', method: 'script' },
    { text: '네', language: 'ko', method: 'script' },
    { text: 'API key 재발급 가능한가요?', language: 'ko', method: 'script' },
    { text: 'ログインできません', language: 'ja', method: 'script' },
    { text: 'エラー500が出ます', language: 'ja', method: 'script' },
    { text: '我无法登录我的账户', language: 'zh', method: 'script' },
    { text: 'ฉันเข้าสู่ระบบไม่ได้', language: 'th', method: 'script' },
    { text: 'Δεν μπορώ να συνδεθώ στον λογαριασμό μου', language: 'el', method: 'script' },
    { text: 'I was charged twice for the same order.', language: 'en', method: 'model' },
    {
      text: 'Hi, this is 김민수 from Acme, I cannot log in since this morning',
      language: 'en',
      method: 'model',
    },
    { text: 'No puedo iniciar sesión en mi cuenta', language: 'es', method: 'model' },
    { text: 'Не могу войти в свой аккаунт', language: 'ru', method: 'model' },
    { text: 'ok', language: 'und', method: 'fallback' },
    { text: 'thx!', language: 'und', method: 'fallback' },
    { text: '500 error', language: 'und', method: 'fallback' },
    { text: 'https://acme.com/orders/4521', language: 'und', method: 'fallback' },
    { text: '👍', language: 'und', method: 'fallback' },
    { text: '', language: 'und', method: 'fallback' },
  ];
  for (const { text, language, method } of cases) {
    it(`${JSON.stringify(text)} → ${language} by ${method}`, () => {
      const result = detectLanguage(text);
      assert.equal(result.language, language);
      assert.equal(result.method, method);
      assert.ok(result.confidence >= 0 && result.confidence <= 1);
      if (language === 'und') assert.equal(result.confidence, 0);
    });
  }

  it('is deterministic', () => {
    const text = 'Bonjour, ma commande n’est pas arrivée';
    assert.deepEqual(detectLanguage(text), detectLanguage(text));
  });
});

describe('detectLanguage on the labelled set', () => {
  const predicted = languageExamples.map((e) => detectLanguage(e.text).language);
  const gold = languageExamples.map((e) => e.language);

  it('has at least 150 messages across at least 10 languages', () => {
    assert.ok(languageExamples.length >= 150);
    assert.ok(new Set(gold).size >= 10);
  });
  // Measured 0.990 (203/205): 東京都渋谷区 (kanji only) reads as zh; Indonesian is not in eld's 60 languages.
  it('is at least 97% accurate', () => {
    assert.ok(accuracy(gold, predicted) >= 0.97, `accuracy ${accuracy(gold, predicted)}`);
  });
  it('gets every Korean message right, mixed Korean/English included', () => {
    const korean = languageExamples.filter((e) => e.language === 'ko');
    assert.deepEqual(
      korean.filter((e) => detectLanguage(e.text).language !== 'ko').map((e) => e.text),
      [],
    );
  });
});
