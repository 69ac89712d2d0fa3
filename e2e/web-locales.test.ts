/** The English and Korean catalogues of the agent app carry exactly the same keys. */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';

const localesDir = join(import.meta.dirname, '..', 'packages', 'web', 'src', 'locales');

function keysOf(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null) return [prefix];
  return Object.entries(value).flatMap(([key, child]) => keysOf(child, prefix ? `${prefix}.${key}` : key));
}

const read = (lng: string) => JSON.parse(readFileSync(join(localesDir, `${lng}.json`), 'utf8')) as unknown;

test('en.json and ko.json have the same keys, none empty', () => {
  const en = read('en');
  const ko = read('ko');
  assert.deepEqual(keysOf(ko).sort(), keysOf(en).sort());
  for (const [lng, catalogue] of [
    ['en', en],
    ['ko', ko],
  ] as const) {
    const flat = JSON.stringify(catalogue);
    assert.doesNotMatch(flat, /:""/, `${lng} has an empty string`);
  }
});

test('every translation key used in the app exists in the catalogue', () => {
  const en = new Set(keysOf(read('en')));
  const srcDir = join(localesDir, '..');
  const used = new Set<string>();
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (/\.tsx?$/.test(entry.name)) {
        for (const m of readFileSync(path, 'utf8').matchAll(/\bt\('([a-zA-Z.]+)'/g)) used.add(m[1] ?? '');
      }
    }
  };
  walk(srcDir);
  assert.ok(used.size > 20);
  assert.deepEqual(
    [...used].filter((k) => !en.has(k)),
    [],
  );
});
