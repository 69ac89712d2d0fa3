/**
 * The whole test suite: `npm test`.
 * 1. Pure unit tests of core and server modules, and the server's integration tests on
 *    embedded PGlite (each test file loads a copy of one migrated template, built here once).
 * 2. The server's tests again on a real PostgreSQL server when TEST_DATABASE_URL is set
 *    (each test file in a schema of its own); otherwise it says plainly that it skipped.
 * Exits non-zero if any test failed, and ends with one "N passed, N failed" line.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { openDatabase } from '../packages/server/src/db/client.ts';
import { migrate, readMigrationFiles } from '../packages/server/src/db/migrate.ts';
import { buildWeb } from './build-web.ts';

const root = join(import.meta.dirname, '..');
const cacheDir = join(root, '.cache');
mkdirSync(cacheDir, { recursive: true });

async function pgliteTemplate(): Promise<string> {
  const files = readMigrationFiles();
  const key = createHash('sha256')
    .update(files.map((f) => f.checksum).join())
    .digest('hex')
    .slice(0, 16);
  const path = join(cacheDir, `pglite-template-${key}.tar.gz`);
  if (existsSync(path)) return path;
  const pglite = await PGlite.create();
  const database = await openDatabase({ kind: 'pglite-instance', pglite });
  await migrate(database.db, files);
  const dump = await pglite.dumpDataDir('gzip');
  // Written aside and renamed, so that a test run started meanwhile never reads half a file.
  const partial = `${path}.${process.pid}.partial`;
  writeFileSync(partial, Buffer.from(await dump.arrayBuffer()));
  renameSync(partial, path);
  await database.close();
  return path;
}

type PassResult = { name: string; passed: number; failed: number; ok: boolean };

function runPass(name: string, patterns: string[], env: Record<string, string>): PassResult {
  const tapFile = join(cacheDir, `${name}-${process.pid}.tap`);
  console.log(`\n=== ${name} ===`);
  const result = spawnSync(
    process.execPath,
    [
      '--test',
      '--test-concurrency=2',
      '--test-reporter=spec',
      '--test-reporter-destination=stdout',
      '--test-reporter=tap',
      `--test-reporter-destination=${tapFile}`,
      ...patterns,
    ],
    { cwd: root, stdio: 'inherit', env: { ...process.env, TZ: 'UTC', ...env } },
  );
  const tap = existsSync(tapFile) ? readFileSync(tapFile, 'utf8') : '';
  const count = (label: string) => Number(new RegExp(`^# ${label} (\\d+)$`, 'm').exec(tap)?.[1] ?? 0);
  return { name, passed: count('pass'), failed: count('fail'), ok: result.status === 0 };
}

const unitPatterns = ['packages/core/src/**/*.test.ts', 'packages/server/src/**/*.test.ts'];
const serverPatterns = ['packages/server/test/**/*.test.ts', 'e2e/**/*.test.ts'];
const only = process.argv.slice(2);

// The browser tests (e2e/web-*.test.ts) load the built agent app; rebuilt only when stale.
buildWeb();
const template = await pgliteTemplate();
const results: PassResult[] = [];
results.push(
  runPass('pglite', only.length > 0 ? only : [...unitPatterns, ...serverPatterns], {
    SWITCHBOARD_TEST_ENGINE: 'pglite',
    SWITCHBOARD_TEST_PGLITE_TEMPLATE: template,
  }),
);
const databaseUrl = process.env.TEST_DATABASE_URL;
if (databaseUrl) {
  results.push(
    runPass('postgres', only.length > 0 ? only : serverPatterns, {
      SWITCHBOARD_TEST_ENGINE: 'postgres',
      TEST_DATABASE_URL: databaseUrl,
    }),
  );
} else {
  console.log(
    '\nPostgreSQL pass SKIPPED: set TEST_DATABASE_URL (a UTF-8 database on PostgreSQL 15+) to run it.',
  );
}

const passed = results.reduce((n, r) => n + r.passed, 0);
const failed = results.reduce((n, r) => n + r.failed, 0);
for (const r of results)
  console.log(`${r.name}: ${r.passed} passed, ${r.failed} failed${r.ok ? '' : ' (runner failed)'}`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(results.every((r) => r.ok) && failed === 0 && passed > 0 ? 0 : 1);
