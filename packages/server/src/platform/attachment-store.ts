/**
 * Content-addressed attachment storage on disk: a file is stored once under its sha256
 * (`ab/cdef…`), whatever its name or how many messages carry it. Writes go to a temporary
 * file first and are renamed into place, so a crash never leaves a half-written blob under
 * a valid name.
 */
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, rename, stat, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Readable } from 'node:stream';

export type AttachmentStore = {
  put(content: Buffer): Promise<{ sha256: string; sizeBytes: number }>;
  open(sha256: string): Readable;
  has(sha256: string): Promise<boolean>;
};

export function diskAttachmentStore(root: string): AttachmentStore {
  const pathOf = (sha256: string) => join(root, sha256.slice(0, 2), sha256.slice(2));
  return {
    async put(content) {
      const sha256 = createHash('sha256').update(content).digest('hex');
      const target = pathOf(sha256);
      try {
        await stat(target);
      } catch {
        await mkdir(dirname(target), { recursive: true });
        const temp = `${target}.${randomBytes(6).toString('hex')}.tmp`;
        await writeFile(temp, content);
        await rename(temp, target);
      }
      return { sha256, sizeBytes: content.length };
    },
    open: (sha256) => createReadStream(pathOf(sha256)),
    async has(sha256) {
      try {
        await stat(pathOf(sha256));
        return true;
      } catch {
        return false;
      }
    },
  };
}
