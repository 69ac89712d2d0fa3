/** Ordering of rule sets and rules: where a new or moved item goes, and whether a new order is complete. */
import { type FieldError, validationError } from '@switchboard/core';

/** `ids` with `id` moved to `position` (clamped), or appended when no position is given. */
export function placeAt(ids: readonly string[], id: string, position: number | undefined): string[] {
  const rest = ids.filter((other) => other !== id);
  const at = position === undefined ? rest.length : Math.min(position, rest.length);
  return [...rest.slice(0, at), id, ...rest.slice(at)];
}

/**
 * A reorder names every current id exactly once: a partial list would leave the others'
 * places undefined, and a stale one would silently drop a rule added meanwhile.
 */
export function checkCompleteOrder(
  current: readonly string[],
  next: readonly string[],
  pointer: string,
): void {
  const errors: FieldError[] = [];
  const known = new Set(current);
  const seen = new Set<string>();
  next.forEach((id, index) => {
    if (!known.has(id)) errors.push({ pointer: `${pointer}/${index}`, message: `Unknown id '${id}'.` });
    else if (seen.has(id))
      errors.push({ pointer: `${pointer}/${index}`, message: `Id '${id}' appears twice.` });
    seen.add(id);
  });
  const missing = current.filter((id) => !seen.has(id));
  if (missing.length > 0) errors.push({ pointer, message: `Missing ids: ${missing.join(', ')}.` });
  if (errors.length > 0) throw validationError(errors);
}
