import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { chooseWebFormLanguage, validateWebForm, webFormText } from './web-form-text.ts';

describe('chooseWebFormLanguage', () => {
  it('prefers ?lang, then Accept-Language by quality, then Korean', () => {
    assert.equal(chooseWebFormLanguage('en', 'ko'), 'en');
    assert.equal(chooseWebFormLanguage('EN-us', undefined), 'en');
    assert.equal(chooseWebFormLanguage('fr', 'ko-KR,en;q=0.9'), 'ko');
    assert.equal(chooseWebFormLanguage(undefined, 'fr-FR, en-US;q=0.8, ko;q=0.5'), 'en');
    assert.equal(chooseWebFormLanguage(undefined, 'en;q=0, ko;q=0.1'), 'ko');
    assert.equal(chooseWebFormLanguage(undefined, 'de, fr'), 'ko');
    assert.equal(chooseWebFormLanguage(undefined, undefined), 'ko');
  });
});

describe('validateWebForm', () => {
  const valid = { name: '김하늘', email: 'haneul@example.kr', subject: '환불', message: '환불해 주세요' };
  it('accepts a complete form', () => {
    assert.deepEqual(validateWebForm(valid, webFormText.ko), {});
  });
  it('names each missing, malformed or too long field in the page language', () => {
    const errors = validateWebForm(
      { name: '  ', email: 'nope', subject: 'x'.repeat(501), message: '' },
      webFormText.en,
    );
    assert.deepEqual(errors, {
      name: 'This field is required.',
      email: 'Enter a valid email address.',
      subject: 'Use at most 500 characters.',
      message: 'This field is required.',
    });
    assert.equal(
      validateWebForm({ ...valid, email: 'a@b' }, webFormText.ko).email,
      webFormText.ko.invalidEmail,
    );
  });
});
