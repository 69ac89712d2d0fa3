import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { sql } from 'kysely';
import { buildDemoContent } from '../src/seed/demo-content.ts';
import { seedDemo } from '../src/seed/seed-demo.ts';
import { createTestContext, type TestContext } from './support/test-app.ts';

let t: TestContext;
before(async () => {
  t = await createTestContext();
});
after(async () => {
  await t?.close();
});

test('the demo workspace loads through the real commands and is usable through the API', async () => {
  const now = new Date('2026-11-23T09:00:00Z');
  const content = buildDemoContent({ seed: 7, now });
  const result = await seedDemo(t.deps, content, { password: 'demo-password-1', now });
  assert.equal(result.tickets, content.tickets.length);

  const login = await t.app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { email: result.ownerEmail, password: 'demo-password-1', workspace: 'demo' },
  });
  assert.equal(login.statusCode, 200, login.body);

  const counts = await sql<{ status: string; n: number }>`
    select status, count(*)::int as n from tickets where workspace_id = ${result.workspaceId} group by status`.execute(
    t.database.db,
  );
  const byStatus = Object.fromEntries(counts.rows.map((r) => [r.status, r.n]));
  const expected: Record<string, number> = {};
  for (const ticket of content.tickets) expected[ticket.status] = (expected[ticket.status] ?? 0) + 1;
  assert.deepEqual(byStatus, expected, 'every replayed ticket ends in its demo status');

  const withoutCreation = await sql<{ n: number }>`
    select count(*)::int as n from tickets t where t.workspace_id = ${result.workspaceId}
       and not exists (select 1 from events e where e.ticket_id = t.id and e.type = 'ticket.created')`.execute(
    t.database.db,
  );
  assert.equal(withoutCreation.rows[0]?.n, 0);

  const slaClocks = await sql<{ n: number }>`
    select count(*)::int as n from ticket_slas where workspace_id = ${result.workspaceId}`.execute(
    t.database.db,
  );
  assert.ok((slaClocks.rows[0]?.n ?? 0) > 100, 'history has SLA clocks');
  const rules = await t.database.db
    .selectFrom('rules')
    .select('kind')
    .where('workspace_id', '=', result.workspaceId)
    .execute();
  assert.deepEqual([...new Set(rules.map((r) => r.kind))].sort(), ['creation', 'time', 'update']);
  const historyRuns = await t.database.db
    .selectFrom('rule_runs')
    .select('id')
    .where('workspace_id', '=', result.workspaceId)
    .execute();
  assert.equal(historyRuns.length, 0, 'rules were switched on after the history, so none ran on it');

  const search = await t.app.inject({
    method: 'GET',
    url: `/api/v1/tickets?q=${encodeURIComponent('환불요청')}&limit=100`,
    headers: { authorization: `Bearer ${result.apiToken}` },
  });
  assert.equal(search.statusCode, 200);
  const subjects: string[] = search.json().data.map((x: { subject: string }) => x.subject);
  assert.ok(
    subjects.some((s) => s.includes('환불 요청')),
    'the spaced spelling is found',
  );
  assert.ok(
    subjects.some((s) => s.includes('환불요청')),
    'the unspaced spelling is found',
  );
});
