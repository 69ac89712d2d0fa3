/**
 * Only one process may open a PGlite data directory (electric-sql/pglite#489): two
 * writers corrupt it. `switchboard start` holds this lock for its lifetime and a second
 * command on the same directory stops with a clear message instead of damaging the data.
 */
import { closeSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';

export class DataDirLockedError extends Error {
  override name = 'DataDirLockedError';
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Takes the lock (replacing one left by a dead process); returns its release function. */
export function lockDataDir(dir: string): () => void {
  const path = join(dir, 'switchboard.pid');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(path, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return () => rmSync(path, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const owner = Number(readFileSync(path, 'utf8').trim());
      if (Number.isInteger(owner) && owner > 0 && owner !== process.pid && isAlive(owner)) {
        throw new DataDirLockedError(
          `Another Switchboard process (pid ${owner}) is using the embedded database in ${dir}. ` +
            'Stop it first (the embedded database allows one process), or run on PostgreSQL with DATABASE_URL.',
        );
      }
      rmSync(path, { force: true });
    }
  }
  throw new DataDirLockedError(`Could not lock ${dir}.`);
}
