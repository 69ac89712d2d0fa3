/**
 * Two real `switchboard start` processes on one PostgreSQL database, both running the
 * automation worker and the sweep: every event is evaluated by exactly one of them and
 * every time rule fires exactly once per ticket window. Runs on the PostgreSQL pass only.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { type Database, openDatabase } from '../packages/server/src/db/client.ts';
import { insertRuleSet } from '../packages/server/test/support/rules.ts';
import {
  createScratchDatabase,
  type Instance,
  runCli,
  type ScratchDatabase,
  startInstance,
} from './support/instances.ts';

const serverUrl = process.env.TEST_DATABASE_URL;
const skip = !serverUrl
  ? 'two-instance e2e SKIPPED: set TEST_DATABASE_URL (PostgreSQL 15+) to run it'
  : process.env.SWITCHBOARD_TEST_ENGINE === 'pglite'
    ? 'two-instance e2e runs on the PostgreSQL pass'
    : false;

describe('two instances on one database', { skip, timeout: 180_000 }, () => {
  let scratch: ScratchDatabase;
  let database: Database;
  let instances: Instance[] = [];
  let token = '';
  let workspaceId = '';
  let cliDataDir = '';

  before(async () => {
    scratch = await createScratchDatabase(serverUrl ?? '', 'sb_e2e_two');
    cliDataDir = mkdtempSync(join(tmpdir(), 'switchboard-e2e-cli-'));
    const env = { DATABASE_URL: scratch.url, SWITCHBOARD_DATA_DIR: cliDataDir };
    runCli(
      ['admin', 'create', '--email', 'lead@e2e.test', '--name', 'Lead', '--password', 'a-long-password-1'],
      env,
    );
    token = runCli(['token', 'create', '--email', 'lead@e2e.test'], env).trim();
    database = await openDatabase({ kind: 'postgres', url: scratch.url, poolSize: 4 });
    workspaceId = (await database.db.selectFrom('workspaces').select('id').executeTakeFirstOrThrow()).id;
    const background = { DATABASE_URL: scratch.url, SWITCHBOARD_SWEEP_INTERVAL_SECONDS: '1' };
    // One after the other: two pg-boss installs racing on a fresh database can still fail
    // (duplicate pg_namespace key in Contractor.create), which is not what this file tests.
    for (const name of ['a', 'b']) instances.push(await startInstance(name, background));
  });

  after(async () => {
    await Promise.all(instances.map((instance) => instance.stop()));
    await database?.close();
    await scratch?.drop();
    if (cliDataDir) rmSync(cliDataDir, { recursive: true, force: true });
  });

  async function createTickets(prefix: string, count: number): Promise<string[]> {
    const created = await Promise.all(
      Array.from({ length: count }, async (_, i) => {
        const instance = instances[i % instances.length]!;
        const response = await fetch(`${instance.url}/api/v1/tickets`, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          body: JSON.stringify({
            subject: `${prefix} ${i}`,
            requester: { email: `customer${i}@e2e.test` },
            message: { bodyText: 'Hello from the e2e test.' },
          }),
        });
        const body = (await response.json()) as { id: string };
        assert.equal(response.status, 201, `${instance.name}: ${JSON.stringify(body)}\n${instance.output()}`);
        return body.id;
      }),
    );
    return created;
  }

  /** Notes with this text per ticket, once the inbox is empty and `isDone` holds (or 60 s passed). */
  async function notesPerTicket(ids: string[], text: string, isDone: (counts: number[]) => boolean) {
    const deadline = Date.now() + 60_000;
    for (;;) {
      const rows = await database.db
        .selectFrom('messages')
        .select(['ticket_id', sql<number>`count(*)::int`.as('n')])
        .where('ticket_id', 'in', ids)
        .where('body_text', '=', text)
        .groupBy('ticket_id')
        .execute();
      const byTicket = new Map(rows.map((r) => [r.ticket_id, r.n]));
      const counts = ids.map((id) => byTicket.get(id) ?? 0);
      const inbox = await database.db
        .selectFrom('automation_inbox')
        .select(sql<number>`count(*)::int`.as('n'))
        .executeTakeFirstOrThrow();
      if ((isDone(counts) && inbox.n === 0) || Date.now() > deadline) return counts;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }

  test('50 tickets through both instances: the creation rule runs once per ticket', async () => {
    await insertRuleSet(database.db, workspaceId, {
      kind: 'creation',
      rules: [
        {
          name: 'Note on arrival',
          kind: 'creation',
          conditions: { all: [{ field: 'ticket.subject', operator: 'contains', value: 'arrival' }] },
          actions: [{ type: 'add_note', body: 'Seen by the creation rule.' }],
        },
      ],
    });
    const ids = await createTickets('arrival', 50);
    const counts = await notesPerTicket(ids, 'Seen by the creation rule.', (c) => c.every((n) => n >= 1));
    // Give a double delivery, had there been one, time to show.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const settled = await notesPerTicket(ids, 'Seen by the creation rule.', () => true);
    assert.deepEqual(
      counts,
      ids.map(() => 1),
    );
    assert.deepEqual(settled, counts);
    const runs = await database.db
      .selectFrom('rule_runs')
      .select(['ticket_id', sql<number>`count(*)::int`.as('n')])
      .where('ticket_id', 'in', ids)
      .where('kind', '=', 'creation')
      .groupBy('ticket_id')
      .execute();
    assert.equal(runs.length, 50);
    assert.ok(runs.every((r) => r.n === 1));
  });

  test('a due time rule fires exactly once per ticket with both instances sweeping', async () => {
    const { ruleIds } = await insertRuleSet(database.db, workspaceId, {
      kind: 'time',
      rules: [
        {
          name: 'Two seconds after creation',
          kind: 'time',
          conditions: {
            all: [
              { field: 'ticket.subject', operator: 'contains', value: 'timer' },
              { field: 'ticket.hoursSinceCreated', operator: 'greater_than_or_equal', value: 0.0005 },
            ],
          },
          actions: [{ type: 'add_note', body: 'The time rule fired.' }],
        },
      ],
    });
    const ids = await createTickets('timer', 30);
    const counts = await notesPerTicket(ids, 'The time rule fired.', (c) => c.every((n) => n >= 1));
    // Three more sweep intervals: a second firing would land in them.
    await new Promise((resolve) => setTimeout(resolve, 3500));
    const settled = await notesPerTicket(ids, 'The time rule fired.', () => true);
    assert.deepEqual(
      counts,
      ids.map(() => 1),
    );
    assert.deepEqual(settled, counts);
    const firings = await database.db
      .selectFrom('time_rule_firings')
      .selectAll()
      .where('rule_id', '=', ruleIds[0]!)
      .execute();
    assert.equal(firings.length, 30);
    const timers = await database.db
      .selectFrom('ticket_timers')
      .selectAll()
      .where('ticket_id', 'in', ids)
      .execute();
    assert.equal(timers.length, 0, 'fired windows keep no timers');
  });

  test('both instances shut down cleanly', async () => {
    const codes = await Promise.all(instances.map((instance) => instance.stop()));
    assert.deepEqual(codes, [0, 0], instances.map((i) => i.output()).join('\n---\n'));
    instances = [];
  });
});
