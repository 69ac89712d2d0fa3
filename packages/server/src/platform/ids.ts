/**
 * UUIDv7 ids, generated in the application: PostgreSQL 15 has no uuidv7(), and time-ordered
 * ids keep B-tree inserts at the right edge of the index instead of scattering them.
 */
import { randomBytes } from 'node:crypto';
import { v7 } from 'uuid';

export type IdGenerator = { next(): string };

export const uuidV7Ids: IdGenerator = { next: () => v7() };

/** A URL-safe random secret with `bytes` bytes of entropy. */
export function randomToken(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}
