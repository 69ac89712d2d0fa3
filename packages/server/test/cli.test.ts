/**
 * The `switchboard` command as a person runs it: real processes on a temporary data
 * directory (embedded PGlite; on the PostgreSQL pass, the locale check against a real server).
 */
import assert from 'node:assert/strict';
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import pg from 'pg';
import { testDatabaseUrl, testEngine } from './support/test-database.ts';

const cli = join(import.meta.dirname, '../src/cli/main.ts');
const dirs: string[] = [];
after(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'switchboard-cli-'));
  dirs.push(dir);
  return dir;
}

function run(args: string[], env: Record<string, string>) {
  return spawnSync(process.execPath, [cli, ...args], {
    env: { PATH: process.env.PATH ?? '', ...env },
    encoding: 'utf8',
    timeout: 60_000,
  });
}

function waitForOutput(child: ChildProcess, pattern: RegExp, timeoutMs: number): Promise<RegExpExecArray> {
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(
      () => reject(new Error(`timed out waiting for ${pattern}; output:\n${output}`)),
      timeoutMs,
    );
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = pattern.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
  });
}

describe('switchboard CLI on the embedded database', { skip: testEngine === 'postgres' }, () => {
  test('admin create on an empty database, then token create prints only a working token', async () => {
    const env = { SWITCHBOARD_DATA_DIR: tempDir() };
    const admin = run(
      [
        'admin',
        'create',
        '--email',
        'Lead@Example.com',
        '--name',
        '팀장',
        '--password',
        'a-long-password-1',
        '--workspace',
        'support',
      ],
      env,
    );
    assert.equal(admin.status, 0, admin.stderr);
    assert.match(admin.stdout, /Created owner lead@example\.com/);
    const token = run(['token', 'create', '--email', 'lead@example.com'], env);
    assert.equal(token.status, 0, token.stderr);
    assert.match(token.stdout, /^sbp_[A-Za-z0-9_-]{43}\n$/);

    const child = spawn(process.execPath, [cli, 'start'], {
      env: { PATH: process.env.PATH ?? '', ...env, SWITCHBOARD_PORT: '0', SWITCHBOARD_LOG_LEVEL: 'warn' },
    });
    const [, port] = await waitForOutput(child, /listening on http:\/\/127\.0\.0\.1:(\d+)/, 30_000);
    const res = await fetch(`http://127.0.0.1:${port}/api/v1/auth/session`, {
      headers: { authorization: `Bearer ${token.stdout.trim()}` },
    });
    assert.equal(res.status, 200);
    assert.equal(((await res.json()) as { role: string }).role, 'owner');

    const second = run(['migrate'], env);
    assert.notEqual(second.status, 0, 'a second process must not open the same embedded database');
    assert.match(second.stderr, /Another Switchboard process \(pid \d+\) is using the embedded database/);

    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    assert.equal(await exited, 0, 'graceful shutdown exits 0');
    assert.equal(run(['migrate'], env).status, 0, 'the lock is released on shutdown');
  });

  test('bad usage and bad configuration fail with a clear message', () => {
    const env = { SWITCHBOARD_DATA_DIR: tempDir() };
    const unknown = run(['frobnicate'], env);
    assert.equal(unknown.status, 2);
    assert.match(unknown.stderr, /Usage: switchboard <command>/);
    const noWorkspace = run(['token', 'create', '--email', 'x@example.com'], env);
    assert.equal(noWorkspace.status, 2);
    assert.match(noWorkspace.stderr, /there is no workspace yet/);
    const badConfig = run(['migrate'], { ...env, SWITCHBOARD_PORT: 'eighty', DATABASE_URL: 'mysql://x' });
    assert.equal(badConfig.status, 1);
    assert.match(badConfig.stderr, /SWITCHBOARD_PORT/);
    assert.match(badConfig.stderr, /DATABASE_URL: must be a postgres:\/\/ URL/);
  });
});

describe('switchboard on PostgreSQL', { skip: testEngine !== 'postgres' }, () => {
  test('refuses a database whose ctype cannot classify Hangul, saying how to fix it', async () => {
    const url = new URL(testDatabaseUrl());
    const name = `sb_ctype_c_${process.pid}`;
    const admin = new pg.Client({ connectionString: url.toString() });
    await admin.connect();
    try {
      await admin.query(`drop database if exists ${name}`);
      await admin.query(
        `create database ${name} encoding 'UTF8' lc_collate 'C' lc_ctype 'C' template template0`,
      );
      url.pathname = `/${name}`;
      const result = run(['migrate'], { DATABASE_URL: url.toString(), SWITCHBOARD_DATA_DIR: tempDir() });
      assert.equal(result.status, 1);
      assert.match(result.stderr, /LC_CTYPE is 'C'/);
      assert.match(result.stderr, /createdb --encoding=UTF8 --locale=C\.UTF-8 --template=template0/);
    } finally {
      await admin.query(`drop database if exists ${name} with (force)`);
      await admin.end();
    }
  });

  test('migrate applies every migration once and is idempotent', async () => {
    const url = new URL(testDatabaseUrl());
    const name = `sb_migrate_${process.pid}`;
    const admin = new pg.Client({ connectionString: url.toString() });
    await admin.connect();
    try {
      await admin.query(`drop database if exists ${name}`);
      await admin.query(
        `create database ${name} encoding 'UTF8' lc_collate 'C.UTF-8' lc_ctype 'C.UTF-8' template template0`,
      );
      url.pathname = `/${name}`;
      const env = { DATABASE_URL: url.toString(), SWITCHBOARD_DATA_DIR: tempDir() };
      const first = run(['migrate'], env);
      assert.equal(first.status, 0, first.stderr);
      assert.match(first.stdout, /Applied: 0001_create_foundation\.sql/);
      const second = run(['migrate'], env);
      assert.equal(second.status, 0, second.stderr);
      assert.match(second.stdout, /Database is up to date/);
    } finally {
      await admin.query(`drop database if exists ${name} with (force)`);
      await admin.end();
    }
  });
});
