import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { errorCodes } from '@switchboard/core';
import { errorTable } from '../src/http/error-table.ts';
import { createTestContext, type TestContext } from './support/test-app.ts';

let t: TestContext;
before(async () => {
  t = await createTestContext();
});
after(async () => {
  await t?.close();
});

test('every route declares its auth requirement', async () => {
  await t.app.ready();
  const undeclared = t.app.routeTable.filter((r) => r.auth === undefined);
  assert.deepEqual(undeclared, []);
  const publicApi = t.app.routeTable
    .filter((r) => r.auth === 'public' && r.url.startsWith('/api/v1'))
    .map((r) => `${r.method} ${r.url}`);
  // Public routes check their own credential (the mailbox inbound secret for raw email).
  assert.deepEqual(
    publicApi.sort(),
    ['POST /api/v1/auth/login', 'POST /api/v1/mailboxes/:id/inbound'].sort(),
  );
});

test('every /api/v1 route except login refuses an anonymous caller', async () => {
  await t.app.ready();
  const routes = t.app.routeTable.filter(
    (r) => r.url.startsWith('/api/v1') && r.auth !== 'public' && r.method !== 'HEAD',
  );
  assert.ok(routes.length > 20);
  for (const route of routes) {
    const url = route.url.replace(/:[a-zA-Z]+/g, '00000000-0000-7000-8000-000000000000');
    const res = await t.app.inject({ method: route.method as 'GET', url });
    assert.equal(res.statusCode, 401, `${route.method} ${route.url} answered ${res.statusCode}`);
    assert.equal(res.json().code, 'AUTH_REQUIRED');
  }
});

test('the OpenAPI document is generated from the route schemas', async () => {
  const res = await t.app.inject({ method: 'GET', url: '/api/openapi.json' });
  assert.equal(res.statusCode, 200);
  const doc = res.json();
  assert.equal(doc.openapi, '3.1.0');
  const create = doc.paths['/api/v1/tickets'].post;
  assert.ok(create.requestBody.content['application/json'].schema.properties.subject);
  assert.deepEqual(create.requestBody.content['application/json'].schema.required.sort(), [
    'message',
    'requester',
    'subject',
  ]);
  const docsPage = await t.app.inject({ method: 'GET', url: '/api/docs/' });
  assert.equal(docsPage.statusCode, 200);
  assert.match(docsPage.body, /swagger/i);
});

test('docs/errors.md documents every error code with its status', () => {
  const doc = readFileSync(join(import.meta.dirname, '../../../docs/errors.md'), 'utf8');
  const documented = [...doc.matchAll(/^### `([A-Z_]+)` \((\d{3})\)$/gm)].map((m) => [m[1], Number(m[2])]);
  assert.deepEqual(documented.map(([code]) => code).sort(), [...errorCodes].sort());
  for (const [code, status] of documented) {
    assert.equal(status, errorTable[code as keyof typeof errorTable].status, `status of ${code}`);
  }
});

test('health, readiness and metrics', async () => {
  assert.equal((await t.app.inject({ method: 'GET', url: '/healthz' })).statusCode, 200);
  const ready = await t.app.inject({ method: 'GET', url: '/readyz' });
  assert.equal(ready.statusCode, 200);
  assert.equal(ready.json().database, 'ok');
  await t.call(t.ws.agent.token, 'GET', '/api/v1/tickets');
  const metrics = await t.app.inject({ method: 'GET', url: '/metrics' });
  assert.equal(metrics.statusCode, 200);
  assert.match(
    metrics.body,
    /switchboard_http_request_duration_seconds_count\{method="GET",route="\/api\/v1\/tickets",status="200"\} 1/,
  );
});
