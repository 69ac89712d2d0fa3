/**
 * Wiring: opens the database the configuration names, refuses an unfit one, applies
 * migrations, creates the demo workspace on an empty database, and builds the app with its
 * real collaborators. The CLI's `start` and the benchmarks go through here.
 */
import { join } from 'node:path';
import type { Logger } from 'pino';
import { type App, buildApp } from './app.ts';
import { type Background, startBackground } from './background.ts';
import type { Config } from './config/config.ts';
import { assertDatabaseSupported, readDatabaseFacts } from './db/check-database.ts';
import { type Database, openDatabase } from './db/client.ts';
import { migrate } from './db/migrate.ts';
import {
  type InboundSmtpServer,
  smtpOptionsFromConfig,
  startSmtpServer,
} from './modules/email/smtp-server.ts';
import { startRealtimeBus } from './modules/realtime/bus.ts';
import { countWorkspaces } from './modules/workspaces/workspaces.repository.ts';
import { diskAttachmentStore } from './platform/attachment-store.ts';
import { type Clock, systemClock } from './platform/clock.ts';
import type { Deps } from './platform/deps.ts';
import { uuidV7Ids } from './platform/ids.ts';
import { createMetrics } from './platform/metrics.ts';
import { argon2Passwords } from './platform/passwords.ts';

export async function openConfiguredDatabase(config: Config): Promise<Database> {
  const database = config.DATABASE_URL
    ? await openDatabase({ kind: 'postgres', url: config.DATABASE_URL })
    : await openDatabase({ kind: 'pglite', dataDir: config.SWITCHBOARD_DATA_DIR });
  try {
    const dbName = config.DATABASE_URL
      ? new URL(config.DATABASE_URL).pathname.slice(1) || 'switchboard'
      : 'switchboard';
    assertDatabaseSupported(await readDatabaseFacts(database.db), dbName);
    return database;
  } catch (error) {
    await database.close();
    throw error;
  }
}

export function createDeps(config: Config, database: Database, clock: Clock = systemClock): Deps {
  return {
    db: database.db,
    clock,
    ids: uuidV7Ids,
    config,
    passwords: argon2Passwords,
    attachments: diskAttachmentStore(join(config.SWITCHBOARD_DATA_DIR, 'attachments')),
    jobs: null,
    realtime: null,
  };
}

export type Running = {
  app: App;
  database: Database;
  deps: Deps;
  isEmptyOnStart: boolean;
  /** Starts the job queue, automation worker and sweeps (when SWITCHBOARD_WORKER is on). */
  startBackground(): Promise<void>;
  /** Starts the inbound SMTP server when SWITCHBOARD_SMTP_PORT is set; null when it is off. */
  startSmtp(): Promise<InboundSmtpServer | null>;
  close(): Promise<void>;
};

/** Opens, checks and migrates the database, then builds the app (not yet listening). */
export async function prepareSwitchboard(config: Config, logger: Logger | false): Promise<Running> {
  const database = await openConfiguredDatabase(config);
  const applied = await migrate(database.db);
  if (logger && applied.length > 0) logger.info({ applied }, 'migrations applied');
  const deps = {
    ...createDeps(config, database),
    realtime: await startRealtimeBus(database, { log: logger || null }),
  };
  const isEmptyOnStart = (await countWorkspaces(database.db)) === 0;
  let ready = false;
  const app = await buildApp(deps, {
    logger,
    metrics: createMetrics({ collectProcessMetrics: true }),
    isReady: () => ready,
  });
  let background: Background | null = null;
  let smtp: InboundSmtpServer | null = null;
  app.addHook('onReady', async () => {
    ready = true;
  });
  app.addHook('preClose', async () => {
    ready = false;
  });
  return {
    app,
    database,
    deps,
    isEmptyOnStart,
    startBackground: async () => {
      if (!config.SWITCHBOARD_WORKER || background) return;
      background = await startBackground({ deps, database, config, logger: logger || null });
    },
    startSmtp: async () => {
      const options = smtpOptionsFromConfig(config, logger ? logger.child({ component: 'smtp' }) : undefined);
      if (!options || smtp) return smtp;
      smtp = await startSmtpServer(deps, options);
      return smtp;
    },
    close: async () => {
      // New mail first stops being accepted; what is in flight is stored or answered 451.
      await smtp?.close();
      await app.close();
      await background?.stop();
      await deps.realtime.close();
      await database.close();
    },
  };
}
