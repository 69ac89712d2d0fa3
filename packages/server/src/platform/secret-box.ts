/**
 * Encrypts the few secrets we must be able to read back (IMAP passwords, messenger identity
 * secrets) with AES-256-GCM under SWITCHBOARD_SECRET_KEY. Stored form:
 * `v1:<iv base64>:<tag base64>:<ciphertext base64>`. Without a key, storing such a secret is
 * refused with a problem naming the variable: we never store it in the clear.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { DomainError } from '@switchboard/core';
import type { Config } from '../config/config.ts';

export type SecretBox = {
  encrypt(plain: string): string;
  decrypt(sealed: string): string;
};

/** The key as bytes, or null when SWITCHBOARD_SECRET_KEY is unset. */
export function secretKeyOf(config: Pick<Config, 'SWITCHBOARD_SECRET_KEY'>): Buffer | null {
  const value = config.SWITCHBOARD_SECRET_KEY;
  if (!value) return null;
  const key = /^[0-9a-fA-F]{64}$/.test(value) ? Buffer.from(value, 'hex') : Buffer.from(value, 'base64');
  if (key.length !== 32) throw new Error('SWITCHBOARD_SECRET_KEY must be 32 bytes');
  return key;
}

/** Throws VALIDATION_FAILED (at `pointer`) naming the variable when no key is configured. */
export function requireSecretBox(config: Pick<Config, 'SWITCHBOARD_SECRET_KEY'>, pointer = ''): SecretBox {
  const key = secretKeyOf(config);
  if (!key) {
    throw new DomainError(
      'VALIDATION_FAILED',
      'Set SWITCHBOARD_SECRET_KEY (32 bytes, hex or base64) to store secrets such as IMAP passwords.',
      { errors: [{ pointer, message: 'SWITCHBOARD_SECRET_KEY is not set; the secret cannot be stored' }] },
    );
  }
  return secretBox(key);
}

export function secretBox(key: Buffer): SecretBox {
  return {
    encrypt(plain) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return [
        'v1',
        iv.toString('base64'),
        cipher.getAuthTag().toString('base64'),
        data.toString('base64'),
      ].join(':');
    },
    decrypt(sealed) {
      const [version, iv, tag, data] = sealed.split(':');
      if (version !== 'v1' || !iv || !tag || data === undefined) throw new Error('not a sealed secret');
      const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64'));
      decipher.setAuthTag(Buffer.from(tag, 'base64'));
      return Buffer.concat([decipher.update(Buffer.from(data, 'base64')), decipher.final()]).toString('utf8');
    },
  };
}
