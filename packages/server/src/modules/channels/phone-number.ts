/**
 * Phone numbers as customers and telephony systems write them (010-1234-5678,
 * +82 10 1234 5678, 02-312-3456) to E.164 (+821012345678), with libphonenumber's metadata.
 * Contacts created before E.164 storage keep digits as typed, so lookups also try the
 * national form.
 */
import { type CountryCode, isSupportedCountry, parsePhoneNumberFromString } from 'libphonenumber-js';

export const DEFAULT_PHONE_COUNTRY: CountryCode = 'KR';

export function phoneCountryOf(settings: Record<string, unknown> | undefined): CountryCode {
  const value = settings?.defaultCountry;
  return typeof value === 'string' && isSupportedCountry(value.toUpperCase())
    ? (value.toUpperCase() as CountryCode)
    : DEFAULT_PHONE_COUNTRY;
}

/**
 * E.164, or null when the text is no possible phone number. Letters are refused (the library
 * would read "CALL ME" as keypad digits).
 */
export function toE164(raw: string, defaultCountry: CountryCode = DEFAULT_PHONE_COUNTRY): string | null {
  if (!/^\+?[\d\s().-]+$/.test(raw.trim())) return null;
  const parsed = parsePhoneNumberFromString(raw.trim(), defaultCountry);
  if (!parsed?.isPossible()) return null;
  return parsed.number;
}

/** Every stored form the number may have: E.164 and the national digits (01012345678). */
export function phoneLookupValues(e164: string): string[] {
  const parsed = parsePhoneNumberFromString(e164);
  const national = parsed ? parsed.formatNational().replace(/\D/g, '') : '';
  return [...new Set([e164, national].filter((v) => v.length > 0))];
}
