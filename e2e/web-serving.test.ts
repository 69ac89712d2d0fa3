/**
 * How the server hands out the built agent app: index.html revalidated, hashed assets cached
 * for a year, client routes falling back to index.html only for browser navigations, every
 * server path untouched, and a clear 503 page when the app was never built.
 */
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { buildApp } from '../packages/server/src/app.ts';
import { defaultWebDistDir } from '../packages/server/src/modules/web-app/web-app.routes.ts';
import { createTestContext, type TestContext } from '../packages/server/test/support/test-app.ts';

const html = { accept: 'text/html,application/xhtml+xml,*/*;q=0.8' };
let t: TestContext;
before(async () => {
  t = await createTestContext();
});
after(async () => {
  await t?.close();
});

test('/ serves index.html, revalidated on every load', async () => {
  const res = await t.app.inject({ method: 'GET', url: '/', headers: html });
  assert.equal(res.statusCode, 200);
  assert.match(res.headers['content-type'] as string, /text\/html/);
  assert.equal(res.headers['cache-control'], 'no-cache');
  assert.match(res.body, /<div id="root"><\/div>/);
});

test('hashed assets are cached for a year', async () => {
  const file = readdirSync(join(defaultWebDistDir, 'assets')).find((f) => f.endsWith('.js'));
  assert.ok(file, 'dist has a script');
  const res = await t.app.inject({ method: 'GET', url: `/assets/${file}` });
  assert.equal(res.statusCode, 200);
  assert.match(
    res.headers['cache-control'] as string,
    /max-age=31536000.*immutable|immutable.*max-age=31536000/,
  );
  const brotli = await t.app.inject({
    method: 'GET',
    url: `/assets/${file}`,
    headers: { 'accept-encoding': 'gzip, deflate, br' },
  });
  assert.equal(brotli.headers['content-encoding'], 'br');
  assert.ok(brotli.rawPayload.length < res.rawPayload.length / 2);
  const missing = await t.app.inject({ method: 'GET', url: '/assets/nope-123.js' });
  assert.equal(missing.statusCode, 404);
});

test('client routes fall back to index.html; server paths and non-HTML requests do not', async () => {
  const deep = await t.app.inject({ method: 'GET', url: '/tickets/123?x=1', headers: html });
  assert.equal(deep.statusCode, 200);
  assert.match(deep.body, /<div id="root">/);

  for (const url of ['/api/v1/nothing-here', '/messenger/v1/nothing', '/support/acme/nothing', '/docs/x']) {
    const res = await t.app.inject({ method: 'GET', url, headers: html });
    assert.equal(res.statusCode, 404, url);
    assert.equal(res.json().code, 'ROUTE_NOT_FOUND', url);
  }
  const json = await t.app.inject({
    method: 'GET',
    url: '/tickets/123',
    headers: { accept: 'application/json' },
  });
  assert.equal(json.statusCode, 404);
  const post = await t.app.inject({ method: 'POST', url: '/tickets/123', headers: html, payload: {} });
  assert.equal(post.statusCode, 404);

  assert.equal((await t.app.inject({ method: 'GET', url: '/healthz', headers: html })).statusCode, 200);
  const metrics = await t.app.inject({ method: 'GET', url: '/metrics', headers: html });
  assert.equal(metrics.statusCode, 200);
  assert.doesNotMatch(metrics.body, /<div id="root">/);
  const session = await t.app.inject({ method: 'GET', url: '/api/v1/auth/session', headers: html });
  assert.equal(session.statusCode, 401);
});

test('without a build the server still starts and / says how to build', async () => {
  const app = await buildApp(t.deps, { webDistDir: join(t.deps.config.SWITCHBOARD_DATA_DIR, 'no-dist') });
  try {
    const res = await app.inject({ method: 'GET', url: '/', headers: html });
    assert.equal(res.statusCode, 503);
    assert.match(res.body, /npm run build:web/);
    assert.equal((await app.inject({ method: 'GET', url: '/healthz' })).statusCode, 200);
  } finally {
    await app.close();
  }
});
