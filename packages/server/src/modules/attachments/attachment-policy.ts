/**
 * What an upload must satisfy before its bytes are stored: a clean file name, a size within
 * the configured limit, an allowed media type, and content that does not contradict it.
 * Pure functions of the request and the config, so the rules read in one place.
 */
import { DomainError, validationError } from '@switchboard/core';

export const MAX_FILENAME_LENGTH = 255;

// C0 and C1 controls, plus the bidirectional overrides and isolates that let
// "invoice\u202Efdp.exe" display as "invoiceexe.pdf".
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point.
const UNSAFE_CHARACTERS = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

/**
 * The last path segment (old browsers and some mail clients send `C:\…\name`), without
 * control characters, NFC-normalised: macOS hands out Korean names decomposed (NFD), which
 * would otherwise show as loose jamo and never compare equal to the same name typed on Windows.
 */
export function sanitizeFilename(raw: string): string {
  const segment = raw.split(/[/\\]/).at(-1) ?? '';
  return segment.replace(UNSAFE_CHARACTERS, '').normalize('NFC').trim();
}

const TOKEN = "[a-z0-9!#$&^_.+'-]+";
const MEDIA_TYPE = new RegExp(`^${TOKEN}/${TOKEN}$`);

/**
 * The media type of a Content-Type header, lowercased, keeping only a charset parameter
 * (text files need it to render Korean correctly); null when absent or malformed.
 */
export function mediaTypeOf(header: string | undefined): string | null {
  if (!header) return null;
  const [essence = '', ...params] = header.split(';').map((p) => p.trim());
  const type = essence.toLowerCase();
  if (!MEDIA_TYPE.test(type)) return null;
  const charset = params
    .map((p) => /^charset\s*=\s*"?([a-z0-9._:-]+)"?$/i.exec(p)?.[1])
    .find((c) => c !== undefined);
  return charset ? `${type}; charset=${charset.toLowerCase()}` : type;
}

/** `allowed` entries are exact types or prefixes ending in `*` (`image/*`, `application/vnd.openxmlformats-officedocument.*`). */
export function isMediaTypeAllowed(mediaType: string, allowed: readonly string[]): boolean {
  const essence = mediaType.split(';')[0] ?? '';
  return allowed.some((a) => (a.endsWith('*') ? essence.startsWith(a.slice(0, -1)) : essence === a));
}

/**
 * True when the bytes start like a native executable: Windows PE (`MZ`), ELF, or Mach-O.
 * Such a file is refused whatever type it claims: no support conversation needs one, and a
 * renamed `.exe` is the classic way to smuggle malware past a type allow-list.
 */
export function looksExecutable(content: Buffer): boolean {
  const starts = (...bytes: number[]) => bytes.every((b, i) => content[i] === b);
  return (
    starts(0x4d, 0x5a) ||
    starts(0x7f, 0x45, 0x4c, 0x46) ||
    starts(0xfe, 0xed, 0xfa, 0xce) ||
    starts(0xfe, 0xed, 0xfa, 0xcf) ||
    starts(0xce, 0xfa, 0xed, 0xfe) ||
    starts(0xcf, 0xfa, 0xed, 0xfe)
  );
}

/** Throws the problem the upload has, or returns the media type to store. */
export function checkUpload(
  input: { contentType: string | undefined; content: Buffer },
  limits: { maxBytes: number; allowedTypes: readonly string[] },
): string {
  if (input.content.length === 0) {
    throw validationError([{ pointer: '', message: 'the file is empty' }], 'The uploaded file is empty.');
  }
  if (input.content.length > limits.maxBytes) throw tooLarge(limits.maxBytes);
  const mediaType = mediaTypeOf(input.contentType);
  if (!mediaType) {
    throw new DomainError(
      'ATTACHMENT_TYPE_NOT_ALLOWED',
      "Send the file's media type as Content-Type, such as application/pdf.",
      { allowedTypes: limits.allowedTypes },
    );
  }
  if (!isMediaTypeAllowed(mediaType, limits.allowedTypes)) {
    throw new DomainError('ATTACHMENT_TYPE_NOT_ALLOWED', `Files of type ${mediaType} are not accepted.`, {
      allowedTypes: limits.allowedTypes,
    });
  }
  if (looksExecutable(input.content)) {
    throw new DomainError('ATTACHMENT_TYPE_NOT_ALLOWED', 'Executable programs are not accepted.', {
      allowedTypes: limits.allowedTypes,
    });
  }
  return mediaType;
}

export function tooLarge(maxBytes: number): DomainError {
  return new DomainError('ATTACHMENT_TOO_LARGE', `Attachments may be at most ${maxBytes} bytes.`, {
    maxBytes,
  });
}
