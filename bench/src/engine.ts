/**
 * One Switchboard under test, started the way `switchboard start` starts it
 * (prepareSwitchboard: open, check and migrate the database, build the app), listening on
 * loopback on a free port. PGlite gets a fresh temporary data directory, removed on close;
 * PostgreSQL must be an empty database, so that earlier runs cannot skew the figures.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { prepareSwitchboard, type Running } from '../../packages/server/src/bootstrap.ts';
import { loadConfig } from '../../packages/server/src/config/config.ts';
import type { EngineName } from './options.ts';
import { type BenchWorkspace, seedWorkspace } from './seed-workspace.ts';

export type BenchEngine = {
  name: EngineName;
  running: Running;
  workspace: BenchWorkspace;
  baseUrl: string;
  /** `select version()` of the engine. */
  version: string;
  /** The PostgreSQL backends serving this database; none for PGlite, which runs in-process. */
  backendPids(): Promise<number[]>;
  close(): Promise<void>;
};

export async function startEngine(name: EngineName, databaseUrl: string | null): Promise<BenchEngine> {
  const dataDir = mkdtempSync(join(tmpdir(), `switchboard-bench-${name}-`));
  const config = loadConfig({
    ...(name === 'postgres' && databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
    SWITCHBOARD_DATA_DIR: dataDir,
    SWITCHBOARD_SEED_DEMO: 'false',
    SWITCHBOARD_LOG_LEVEL: 'silent',
    // The load comes from one token; the default limit (1,200/min) would answer 429s.
    SWITCHBOARD_RATE_LIMIT_PER_MINUTE: '100000000',
  });
  const running = await prepareSwitchboard(config, false);
  const cleanUp = async () => {
    await running.close();
    rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    if (!running.isEmptyOnStart) {
      throw new Error('BENCH_DATABASE_URL must name an empty database (create a fresh one per run).');
    }
    const workspace = await seedWorkspace(running.deps, running.database.db);
    const address = await running.app.listen({ host: '127.0.0.1', port: 0 });
    const db = running.database.db;
    const { rows } = await sql<{ version: string }>`select version() as version`.execute(db);
    const backendPids = async () => {
      if (name === 'pglite') return [];
      const result = await sql<{ pid: number }>`
        select pid from pg_stat_activity
         where datname = current_database() and backend_type = 'client backend'`.execute(db);
      return result.rows.map((r) => r.pid);
    };
    return {
      name,
      running,
      workspace,
      baseUrl: address,
      version: rows[0]?.version ?? 'unknown',
      backendPids,
      close: cleanUp,
    };
  } catch (error) {
    await cleanUp();
    throw error;
  }
}
