/**
 * Rate limits shared by instances (counted in the database) and the client address that
 * per-address limits key on (X-Forwarded-For is believed only from configured proxies).
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type App, buildApp } from '../src/app.ts';
import type { Config } from '../src/config/config.ts';
import { countRequest, countRequests, deleteExpiredCounters } from '../src/platform/rate-limit-store.ts';
import { createTestContext, type TestContext } from './support/test-app.ts';

let t: TestContext;
const apps: App[] = [];
before(async () => {
  t = await createTestContext();
});
after(async () => {
  for (const app of apps) await app.close();
  await t?.close();
});

async function instance(overrides: Partial<Config>): Promise<App> {
  const app = await buildApp({ ...t.deps, config: { ...t.deps.config, ...overrides } });
  apps.push(app);
  return app;
}

const listTickets = (app: App, token: string) =>
  app.inject({ method: 'GET', url: '/api/v1/tickets', headers: { authorization: `Bearer ${token}` } });

describe('rate limits', () => {
  test('two instances counting in the database share one budget per caller', async () => {
    const limits = { SWITCHBOARD_RATE_LIMIT_PER_MINUTE: 5, rateLimitStore: 'database' as const };
    const [a, b] = [await instance(limits), await instance(limits)];
    const token = t.ws.agent.token;
    const codes: number[] = [];
    for (const app of [a, a, a]) codes.push((await listTickets(app, token)).statusCode);
    // A's further requests were counted locally; they reach the database with its next flush.
    await a.flushRateLimits();
    // B's first request for this caller reads the shared count at once.
    for (const app of [b, b, b]) codes.push((await listTickets(app, token)).statusCode);
    assert.deepEqual(codes, [200, 200, 200, 200, 200, 429]);
    // A learns what B counted with its own next flush; until then (≤ flushMs) it judges by
    // what it knew: the bounded over-admission the store accepts instead of a query per request.
    await listTickets(a, token);
    await a.flushRateLimits();
    const limited = await listTickets(a, token);
    assert.equal(limited.statusCode, 429);
    assert.equal(limited.json().code, 'RATE_LIMITED');
    assert.ok(Number(limited.headers['retry-after']) > 0);
    // Another caller has a budget of its own.
    assert.equal((await listTickets(b, t.ws.admin.token)).statusCode, 200);
  });

  test('counting in memory, each instance has its own budget', async () => {
    const limits = { SWITCHBOARD_RATE_LIMIT_PER_MINUTE: 5, rateLimitStore: 'memory' as const };
    const [a, b] = [await instance(limits), await instance(limits)];
    const token = t.ws.lightAgent.token;
    for (const app of [a, b, a, b, a, b]) assert.equal((await listTickets(app, token)).statusCode, 200);
  });

  test('a window ends: the count starts again, and expired counters are deleted', async () => {
    const db = t.database.db;
    assert.deepEqual((await countRequest(db, 'test:window', 60_000)).current, 1);
    assert.deepEqual((await countRequest(db, 'test:window', 60_000)).current, 2);
    assert.equal((await countRequest(db, 'test:short', 1)).current, 1);
    const batch = await countRequests(db, {
      keys: ['test:window', 'test:other'],
      counts: [3, 2],
      windowsMs: [60_000, 60_000],
    });
    assert.deepEqual(batch.map((r) => [r.key, r.count]).sort(), [
      ['test:other', 2],
      ['test:window', 5],
    ]);
    await new Promise((resolve) => setTimeout(resolve, 20));
    const again = await countRequest(db, 'test:short', 60_000);
    assert.equal(again.current, 1, 'a new window');
    assert.ok(again.ttl > 50_000 && again.ttl <= 60_000);
    await countRequest(db, 'test:gone', 1);
    await new Promise((resolve) => setTimeout(resolve, 20));
    await deleteExpiredCounters(db);
    const left = await db
      .selectFrom('rate_limit_counters')
      .select('key')
      .where('key', 'like', 'test:%')
      .execute();
    assert.deepEqual(left.map((r) => r.key).sort(), ['test:other', 'test:short', 'test:window']);
  });

  const login = (app: App, forwardedFor: string) =>
    app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { 'x-forwarded-for': forwardedFor },
      payload: { email: 'nobody@acme.test', password: 'wrong password' },
    });

  test('X-Forwarded-For from an untrusted client does not buy it new login attempts', async () => {
    const app = await instance({ SWITCHBOARD_LOGIN_RATE_LIMIT_PER_MINUTE: 3, trustProxy: false });
    const codes: number[] = [];
    for (let i = 1; i <= 4; i++) codes.push((await login(app, `203.0.113.${i}`)).statusCode);
    assert.deepEqual(codes, [401, 401, 401, 429]);
  });

  test('behind a configured proxy, each forwarded client address has its own login budget', async () => {
    const app = await instance({ SWITCHBOARD_LOGIN_RATE_LIMIT_PER_MINUTE: 3, trustProxy: '127.0.0.1' });
    const codes: number[] = [];
    for (let i = 1; i <= 4; i++) codes.push((await login(app, `198.51.100.${i}`)).statusCode);
    assert.deepEqual(codes, [401, 401, 401, 401]);
  });
});
