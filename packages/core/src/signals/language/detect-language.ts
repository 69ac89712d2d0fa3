import { eld } from 'eld/medium';
import { countScripts, type ScriptCounts, stripIdentifiers } from './count-scripts.ts';

/**
 * Language of a customer message. The script decides first (Hangul, kana, Han, Thai, Greek,
 * Hebrew…), which is exact for Korean even when English words are mixed in; the eld n-gram
 * model (Apache-2.0, bundled, no download) decides between languages sharing a script. Short
 * Latin text ("ok", "thx", "500 error") answers 'und' so the caller keeps the conversation's
 * language instead of trusting a guess.
 */

/** ISO 639-1 code as detected, or 'und' when the text is too short or has no letters. */
export type LanguageCode = 'ko' | 'ja' | 'zh' | 'en' | 'und' | (string & {});

export type LanguageDetection = {
  language: LanguageCode;
  /** 0..1; 0 when 'und'. */
  confidence: number;
  method: 'script' | 'model' | 'fallback';
};

/** Share of (weighted) letters a CJK script needs to decide the language. */
export const scriptShareThreshold = 0.3;
/** Fewer Latin/Cyrillic/… letters than this, and the model is not asked. */
export const minModelLetters = 15;

// An instance of our own, so no other importer's subset or clean-up setting can change ours.
const detector = eld.newInstance();
detector.enableTextCleanup(true);

const undetermined: LanguageDetection = { language: 'und', confidence: 0, method: 'fallback' };

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}

function byScript(counts: ScriptCounts): LanguageDetection | undefined {
  const share = (n: number) => n / counts.total;
  const decided = (language: string, n: number): LanguageDetection => ({
    language,
    confidence: round(Math.min(0.99, 0.6 + 0.4 * share(n))),
    method: 'script',
  });
  if (share(counts.hangul) >= scriptShareThreshold) return decided('ko', counts.hangul);
  // Japanese writes with kana and kanji together; any kana marks the Han characters as Japanese.
  if (counts.kana > 0 && share(counts.kana + counts.han) >= scriptShareThreshold) {
    return decided('ja', counts.kana + counts.han);
  }
  if (share(counts.han) >= scriptShareThreshold) return decided('zh', counts.han);
  for (const [language, n] of Object.entries(counts.unique)) {
    if (share(n) >= 0.5) return decided(language, n);
  }
  return undefined;
}

function byModel(text: string, letters: number): LanguageDetection {
  if (letters < minModelLetters) return undetermined;
  const result = detector.detect(stripIdentifiers(text));
  if (result.language === '') return undetermined;
  const top = result.getScores()[result.language] ?? 0;
  const confidence = result.isReliable() ? top : top * 0.5;
  return { language: result.language, confidence: round(Math.min(0.99, confidence)), method: 'model' };
}

/** Detects the language of a short support message; pure and synchronous (~20 µs). */
export function detectLanguage(text: string): LanguageDetection {
  const normalized = text.normalize('NFKC');
  const counts = countScripts(normalized);
  if (counts.total === 0) return undetermined;
  return byScript(counts) ?? byModel(normalized, counts.latin + counts.other);
}
