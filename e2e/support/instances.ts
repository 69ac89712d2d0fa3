/**
 * Real Switchboard processes for e2e journeys: a throwaway PostgreSQL database, the CLI run
 * as a person runs it, and `switchboard start` children that are stopped with SIGTERM.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

const cli = join(import.meta.dirname, '../../packages/server/src/cli/main.ts');

export type ScratchDatabase = { url: string; drop(): Promise<void> };

/** A new UTF-8 database on the server of `serverUrl`, dropped (connections and all) by `drop`. */
export async function createScratchDatabase(serverUrl: string, prefix: string): Promise<ScratchDatabase> {
  const name = `${prefix}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(
    `create database ${name} encoding 'UTF8' lc_collate 'C.UTF-8' lc_ctype 'C.UTF-8' template template0`,
  );
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const client = new pg.Client({ connectionString: serverUrl });
      await client.connect();
      await client.query(`drop database if exists ${name} with (force)`);
      await client.end();
    },
  };
}

/** Runs a one-shot CLI command; throws with its stderr unless it exits 0. Returns stdout. */
export function runCli(args: string[], env: Record<string, string>): string {
  const result = spawnSync(process.execPath, [cli, ...args], {
    env: { PATH: process.env.PATH ?? '', ...env },
    encoding: 'utf8',
    timeout: 60_000,
  });
  if (result.status !== 0) throw new Error(`switchboard ${args.join(' ')} failed:\n${result.stderr}`);
  return result.stdout;
}

export type Instance = {
  name: string;
  url: string;
  /** Everything the process wrote so far, for failure messages. */
  output(): string;
  /** SIGTERM, then the exit code (null if it had to be killed after `timeoutMs`). */
  stop(timeoutMs?: number): Promise<number | null>;
};

/** `switchboard start` on a free port with its own data directory; resolves once it listens. */
export async function startInstance(name: string, env: Record<string, string>): Promise<Instance> {
  const dataDir = mkdtempSync(join(tmpdir(), `switchboard-${name}-`));
  const child: ChildProcess = spawn(process.execPath, [cli, 'start'], {
    env: {
      PATH: process.env.PATH ?? '',
      SWITCHBOARD_DATA_DIR: dataDir,
      SWITCHBOARD_HOST: '127.0.0.1',
      SWITCHBOARD_PORT: '0',
      SWITCHBOARD_SEED_DEMO: 'false',
      SWITCHBOARD_LOG_LEVEL: 'warn',
      ...env,
    },
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const port = await waitForPort(child, exited, () => output);
  return {
    name,
    url: `http://127.0.0.1:${port}`,
    output: () => output,
    stop: async (timeoutMs = 15_000) => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
      const code = await exited;
      clearTimeout(timer);
      rmSync(dataDir, { recursive: true, force: true });
      return code;
    },
  };
}

async function waitForPort(child: ChildProcess, exited: Promise<number | null>, output: () => string) {
  const listening = /listening on http:\/\/[^:\s]+:(\d+)/;
  const deadline = Date.now() + 60_000;
  let hasExited = false;
  void exited.then(() => {
    hasExited = true;
  });
  while (Date.now() < deadline) {
    const match = listening.exec(output());
    if (match?.[1]) return Number(match[1]);
    if (hasExited) throw new Error(`switchboard start exited early:\n${output()}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  child.kill('SIGKILL');
  throw new Error(`switchboard start did not listen within 60 s:\n${output()}`);
}
