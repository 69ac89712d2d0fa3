/**
 * The background of a worker process, as `switchboard start` runs it: the job queue, the
 * automation worker woken by the inbox notification, and the periodic sweep.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, test } from 'node:test';
import { sql } from 'kysely';
import { type Background, startBackground } from '../src/background.ts';
import { insertRuleSet } from './support/rules.ts';
import { createTestContext, type TestContext } from './support/test-app.ts';

let t: TestContext;
let background: Background;
const jobSchema = `pgboss_${randomBytes(4).toString('hex')}`;
before(async () => {
  t = await createTestContext({ SWITCHBOARD_SWEEP_INTERVAL_SECONDS: '1' });
  background = await startBackground({
    deps: t.deps,
    database: t.database,
    config: t.deps.config,
    logger: null,
    jobSchema,
  });
});
after(async () => {
  await background?.stop();
  await sql`drop schema if exists ${sql.id(jobSchema)} cascade`.execute(t.database.db);
  await t?.close();
});

async function eventually<T>(
  read: () => Promise<T>,
  ok: (value: T) => boolean,
  timeoutMs = 15_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (ok(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

test('the worker applies creation rules soon after the ticket is committed, without being asked', async () => {
  await insertRuleSet(t.database.db, t.ws.id, {
    kind: 'creation',
    rules: [
      {
        name: 'Tag VIP mail',
        kind: 'creation',
        conditions: { all: [{ field: 'ticket.channel', operator: 'is', value: 'email' }] },
        actions: [{ type: 'add_tags', tags: ['triaged'] }],
      },
    ],
  });
  const created = (
    await t.call(t.ws.agent.token, 'POST', '/api/v1/tickets', {
      subject: 'Background please',
      channel: 'email',
      requester: { email: 'bg@example.com' },
      message: { bodyText: 'hello' },
    })
  ).json();
  const ticket = await eventually(
    async () => (await t.call(t.ws.agent.token, 'GET', `/api/v1/tickets/${created.id}`)).json(),
    (value) => value.tags.includes('triaged'),
  );
  assert.deepEqual(ticket.tags, ['triaged']);
  assert.equal(t.deps.jobs, background.jobs, 'commands of this process can enqueue jobs');
});

test('sweeps are requested once per interval and run as jobs', async () => {
  const completed = await eventually(
    async () =>
      (await background.jobs.boss.findJobs('automation.sweep', {})).filter((job) => job.state === 'completed')
        .length,
    (n) => n >= 2,
  );
  assert.ok(completed >= 2, `sweeps completed: ${completed}`);
});
