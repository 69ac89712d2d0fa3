/** RFC 6901 JSON pointers for validation errors. */

/** Escapes one reference token per RFC 6901 section 3: '~' first, or '/' would turn into '~01'. */
function escapeToken(token: string | number): string {
  return String(token).replaceAll('~', '~0').replaceAll('/', '~1');
}

/** `base` extended by each token: pointerTo('/conditions', 'all', 2) is '/conditions/all/2'. */
export function pointerTo(base: string, ...tokens: readonly (string | number)[]): string {
  return tokens.reduce<string>((pointer, token) => `${pointer}/${escapeToken(token)}`, base);
}

/** Zod issues as field errors under `base`. */
export function zodIssuesToErrors(
  issues: readonly { path: readonly PropertyKey[]; message: string }[],
  base: string,
): { pointer: string; message: string }[] {
  return issues.map((issue) => ({
    pointer: pointerTo(base, ...issue.path.map((token) => (typeof token === 'symbol' ? '' : token))),
    message: issue.message,
  }));
}
