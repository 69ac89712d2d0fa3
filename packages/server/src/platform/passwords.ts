/**
 * argon2id with OWASP's minimum (m = 19 MiB, t = 2, p = 1): ~130 ms to hash and ~40 ms to
 * verify on this project's 2-core machine (DEPENDENCIES.md), slow for an attacker with a
 * stolen table, fast enough for a login form.
 */
import { hash, verify } from '@node-rs/argon2';

export type PasswordHasher = {
  hash(password: string): Promise<string>;
  verify(passwordHash: string, password: string): Promise<boolean>;
};

const ARGON2ID = 2;
const options = { algorithm: ARGON2ID, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export const argon2Passwords: PasswordHasher = {
  hash: (password) => hash(password, options),
  verify: async (passwordHash, password) => {
    try {
      return await verify(passwordHash, password);
    } catch {
      // A malformed stored hash verifies nothing; it must not turn into a 500 on login.
      return false;
    }
  },
};

/** Minimum password policy: NIST 800-63B asks for length, not composition rules. */
export const MIN_PASSWORD_LENGTH = 10;
