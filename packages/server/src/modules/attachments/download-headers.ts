/**
 * Response headers for serving an uploaded file back. The bytes came from a customer, so the
 * browser must never treat them as part of our origin: always a download, never sniffed,
 * and active types (HTML, SVG, XML with script) only as opaque bytes.
 */

const ACTIVE_TYPES = new Set([
  'text/html',
  'image/svg+xml',
  'application/xhtml+xml',
  'text/xml',
  'application/xml',
  'text/javascript',
  'application/javascript',
]);

/** The Content-Type to serve: the stored one, except types a browser would execute. */
export function servedContentType(storedType: string): string {
  const essence = storedType.split(';')[0]?.trim() ?? '';
  return ACTIVE_TYPES.has(essence) ? 'application/octet-stream' : storedType;
}

/**
 * `attachment` with both an ASCII `filename` for old clients and the exact UTF-8 name as
 * `filename*` (RFC 6266 section 4.3, encoded per RFC 8187 / 5987), so 견적서.pdf arrives intact.
 */
export function contentDisposition(filename: string): string {
  const fallback = filename.replace(/[^\x20-\x7e]|["\\%]/g, '_');
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encodeRfc8187(filename)}`;
}

/** encodeURIComponent leaves ' ( ) * unescaped, which RFC 8187's attr-char does not allow. */
function encodeRfc8187(value: string): string {
  return encodeURIComponent(value).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}
