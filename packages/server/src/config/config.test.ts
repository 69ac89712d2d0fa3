import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { ConfigError, describeConfig, loadConfig } from './config.ts';

test('defaults need nothing installed: embedded database, local port, demo data', () => {
  const config = loadConfig({});
  assert.equal(config.DATABASE_URL, undefined);
  assert.equal(config.SWITCHBOARD_DATA_DIR, './data');
  assert.equal(config.SWITCHBOARD_PORT, 3000);
  assert.equal(config.SWITCHBOARD_SEED_DEMO, true);
  assert.equal(config.publicUrl, 'http://127.0.0.1:3000');
  assert.equal(config.cookieSecure, false);
  assert.ok(Object.isFrozen(config));
});

test('every problem is reported at once', () => {
  assert.throws(
    () =>
      loadConfig({ SWITCHBOARD_PORT: '99999', SWITCHBOARD_SEED_DEMO: 'maybe', DATABASE_URL: 'mysql://x' }),
    (error: unknown) => {
      assert.ok(error instanceof ConfigError);
      assert.match(error.message, /SWITCHBOARD_PORT/);
      assert.match(error.message, /SWITCHBOARD_SEED_DEMO/);
      assert.match(error.message, /DATABASE_URL/);
      return true;
    },
  );
});

test('secrets can come from files; https implies secure cookies', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sb-config-'));
  writeFileSync(join(dir, 'db'), 'postgres://u:p@db/switchboard\n');
  const config = loadConfig({
    DATABASE_URL_FILE: join(dir, 'db'),
    SWITCHBOARD_PUBLIC_URL: 'https://help.example.com/',
  });
  assert.equal(config.DATABASE_URL, 'postgres://u:p@db/switchboard');
  assert.equal(config.publicUrl, 'https://help.example.com');
  assert.equal(config.cookieSecure, true);
  assert.throws(
    () => loadConfig({ DATABASE_URL_FILE: join(dir, 'missing') }),
    /DATABASE_URL_FILE: cannot read/,
  );
});

test('the README documents every setting with its default', () => {
  const readme = readFileSync(join(import.meta.dirname, '../../../../README.md'), 'utf8');
  for (const setting of describeConfig()) {
    const row = readme
      .split('\n')
      .find((line) => new RegExp(`^\\|\\s*\`${setting.name}\`\\s*\\|`).test(line));
    assert.ok(row, `README lacks ${setting.name}`);
    if (setting.defaultValue !== '')
      assert.ok(row.includes(`\`${setting.defaultValue}\``), `README default of ${setting.name}`);
  }
});
