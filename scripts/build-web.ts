/**
 * Builds the agent app (packages/web → packages/web/dist) only when dist is missing or
 * older than its sources, so `npm start` stays fast. Runs as root `prestart` and before
 * the tests. `--force` always builds.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, gzipSync, constants as zlib } from 'node:zlib';

const webDir = join(import.meta.dirname, '..', 'packages', 'web');
const builtIndex = join(webDir, 'dist', 'index.html');

function newestMtimeMs(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(path).reduce((newest, name) => Math.max(newest, newestMtimeMs(join(path, name))), 0);
}

export function isWebBuildStale(): boolean {
  if (!existsSync(builtIndex)) return true;
  const sources = ['src', 'index.html', 'vite.config.ts', 'package.json'].map((p) => join(webDir, p));
  const newestSource = Math.max(...sources.filter(existsSync).map(newestMtimeMs));
  return newestSource > statSync(builtIndex).mtimeMs;
}

export function buildWeb(options: { force?: boolean } = {}): void {
  if (!options.force && !isWebBuildStale()) return;
  console.log('Building the agent app (packages/web)…');
  const vite = join(import.meta.dirname, '..', 'node_modules', 'vite', 'bin', 'vite.js');
  const result = spawnSync(process.execPath, [vite, 'build', '--logLevel', 'warn'], {
    cwd: webDir,
    stdio: 'inherit',
  });
  if (result.status !== 0) throw new Error(`vite build failed with exit code ${result.status}`);
  precompressAssets(join(webDir, 'dist', 'assets'));
}

/** .br and .gz beside each script and stylesheet: the server sends them as they are (preCompressed). */
function precompressAssets(dir: string): void {
  for (const name of readdirSync(dir).filter((n) => /\.(js|css)$/.test(n))) {
    const content = readFileSync(join(dir, name));
    writeFileSync(join(dir, `${name}.gz`), gzipSync(content, { level: 9 }));
    writeFileSync(
      join(dir, `${name}.br`),
      brotliCompressSync(content, { params: { [zlib.BROTLI_PARAM_QUALITY]: 11 } }),
    );
  }
}

if (import.meta.main) buildWeb({ force: process.argv.includes('--force') });
