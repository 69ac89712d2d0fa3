/** PATCH semantics of free-form attributes, shared by contacts and organisations. */
export type Attributes = Record<string, string | number | boolean | null>;

/** The given keys overwrite, a null value deletes its key, other keys stay. Never mutates. */
export function mergeAttributes(current: Attributes, changes: Attributes): Attributes {
  const merged: Attributes = { ...current, ...changes };
  for (const [key, value] of Object.entries(merged)) if (value === null) delete merged[key];
  return merged;
}
