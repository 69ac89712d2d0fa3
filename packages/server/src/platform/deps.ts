/**
 * The collaborators a command may use. Only app.ts and main.ts decide what backs each one;
 * commands receive them through this object instead of importing concrete clients.
 */
import type { Kysely } from 'kysely';
import type { Config } from '../config/config.ts';
import type { DB } from '../db/schema.ts';
import type { AttachmentStore } from './attachment-store.ts';
import type { Clock } from './clock.ts';
import type { IdGenerator } from './ids.ts';
import type { JobQueue } from './jobs.ts';
import type { PasswordHasher } from './passwords.ts';
import type { RealtimeBus } from './realtime-bus.ts';

export type Deps = {
  db: Kysely<DB>;
  clock: Clock;
  ids: IdGenerator;
  config: Config;
  passwords: PasswordHasher;
  attachments: AttachmentStore;
  /** The background job queue, where this process runs one (null in one-shot CLI commands and most tests). */
  jobs: JobQueue | null;
  /** Topic messages to WebSocket subscribers on every instance (null in one-shot CLI commands). */
  realtime: RealtimeBus | null;
};
