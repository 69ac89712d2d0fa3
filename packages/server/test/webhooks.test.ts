import assert from 'node:assert/strict';
import { createHmac, randomBytes } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { drainInbox } from '../src/modules/automation/process-inbox.ts';
import { registerWebhookWorker, WEBHOOK_QUEUE_DEFINITION } from '../src/modules/webhooks/webhook-worker.ts';
import { type JobQueue, startJobQueue } from '../src/platform/jobs.ts';
import { insertRuleSet } from './support/rules.ts';
import { createTestContext, type TestContext } from './support/test-app.ts';

/** A real receiver on 127.0.0.1: each path answers from its script (a status, or 'hang'). */
type Received = { path: string; headers: IncomingHttpHeaders; rawBody: string };
const received: Received[] = [];
const scripts = new Map<string, (number | 'hang')[]>();
let receiver: Server;
let baseUrl: string;

function startReceiver(): Promise<void> {
  receiver = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (c: Buffer) => chunks.push(c));
    request.on('end', () => {
      const path = request.url ?? '/';
      received.push({ path, headers: request.headers, rawBody: Buffer.concat(chunks).toString('utf8') });
      const script = scripts.get(path) ?? [];
      const next = script.length > 1 ? script.shift() : script[0];
      if (next === 'hang') return;
      response.writeHead(next ?? 200).end('ok');
    });
  });
  return new Promise((resolve) =>
    receiver.listen(0, '127.0.0.1', () => {
      baseUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
      resolve();
    }),
  );
}

let t: TestContext;
let jobs: JobQueue;
const jobSchema = `pgboss_${randomBytes(6).toString('hex')}`;
const queueErrors: Error[] = [];

before(async () => {
  await startReceiver();
  t = await createTestContext({ SWITCHBOARD_WEBHOOK_ALLOW_PRIVATE: 'true' });
  // Fewer, shorter retries than production so the suite stays quick; same backoff mechanics.
  jobs = await startJobQueue(t.database, {
    schema: jobSchema,
    queues: [{ ...WEBHOOK_QUEUE_DEFINITION, retryLimit: 2, retryDelaySeconds: 1 }],
    onError: (error) => queueErrors.push(error),
  });
  t.deps.jobs = jobs;
  await registerWebhookWorker(jobs, t.deps, { timeoutMs: 300, pollingIntervalSeconds: 0.5 });
});
after(async () => {
  if (t) t.deps.jobs = null;
  await jobs?.stop();
  if (t) await sql`drop schema if exists ${sql.id(jobSchema)} cascade`.execute(t.database.db);
  await t?.close();
  receiver?.closeAllConnections();
  await new Promise((resolve) => receiver?.close(resolve));
});

async function newWebhook(path: string, script: (number | 'hang')[] = [200]) {
  scripts.set(path, [...script]);
  const res = await t.call(t.ws.admin.token, 'POST', '/api/v1/webhooks', { name: path, url: baseUrl + path });
  assert.equal(res.statusCode, 201, res.body);
  return res.json() as { id: string; secret: string; url: string };
}

async function ping(webhookId: string): Promise<string> {
  const res = await t.call(t.ws.admin.token, 'POST', `/api/v1/webhooks/${webhookId}/test`);
  assert.equal(res.statusCode, 202, res.body);
  assert.equal(res.json().status, 'pending');
  return res.json().id;
}

type DeliveryRow = Awaited<ReturnType<typeof readDelivery>>;
const readDelivery = (id: string) =>
  t.deps.db.selectFrom('webhook_deliveries').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

/** Waits for the worker (polling every 0.5 s; retries back off 1-4 s) to bring the delivery there. */
async function until(deliveryId: string, isDone: (row: DeliveryRow) => boolean, timeoutMs = 25_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const row = await readDelivery(deliveryId);
    if (isDone(row)) return row;
    assert.ok(Date.now() < deadline, `delivery ${deliveryId}: ${row.status} after ${row.attempts} attempts`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

const settled = (deliveryId: string) => until(deliveryId, (row) => row.status !== 'pending');

type JobView = { id: string; state: string; retryCount: number; retryLimit: number; error: string | null };

/** The delivery's job once pg-boss has settled it in `state` (it settles just after the row is written). */
async function deliveryJob(deliveryId: string, state: string): Promise<JobView> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const res = await t.call(t.ws.admin.token, 'GET', '/api/v1/jobs?queue=webhook.deliver&limit=100');
    assert.equal(res.statusCode, 200, res.body);
    const job: JobView | undefined = res
      .json()
      .data.find((j: { data: { deliveryId: string } }) => j.data.deliveryId === deliveryId);
    if (job?.state === state) return job;
    assert.ok(Date.now() < deadline, `job of delivery ${deliveryId} is ${job?.state ?? 'missing'}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

const verify = (secret: string, r: Received) => {
  const timestamp = String(r.headers['x-switchboard-timestamp']);
  const mac = createHmac('sha256', secret).update(`${timestamp}.${r.rawBody}`).digest('hex');
  return r.headers['x-switchboard-signature'] === `v1=${mac}`;
};

describe('configuring webhooks', () => {
  test('the secret is shown once; reads never return it; rotation replaces it', async () => {
    const res = await t.call(t.ws.admin.token, 'POST', '/api/v1/webhooks', {
      name: 'CRM',
      url: 'https://crm.example.com/hooks',
    });
    assert.equal(res.statusCode, 201, res.body);
    const created = res.json();
    assert.equal(res.headers.location, `/api/v1/webhooks/${created.id}`);
    assert.match(created.secret, /^[A-Za-z0-9_-]{43}$/);
    assert.equal(created.enabled, true);

    const one = await t.call(t.ws.admin.token, 'GET', `/api/v1/webhooks/${created.id}`);
    assert.equal(one.statusCode, 200);
    const { secret: _secret, ...withoutSecret } = created;
    assert.deepEqual(one.json(), withoutSecret);
    const list = await t.call(t.ws.admin.token, 'GET', '/api/v1/webhooks');
    assert.ok(list.json().data.some((w: { id: string }) => w.id === created.id));
    assert.ok(!list.body.includes(created.secret));

    const patched = await t.call(t.ws.admin.token, 'PATCH', `/api/v1/webhooks/${created.id}`, {
      name: 'CRM sync',
      enabled: false,
    });
    assert.equal(patched.statusCode, 200, patched.body);
    assert.equal(patched.json().name, 'CRM sync');
    assert.equal(patched.json().enabled, false);

    const rotated = await t.call(t.ws.admin.token, 'POST', `/api/v1/webhooks/${created.id}/rotate-secret`);
    assert.equal(rotated.statusCode, 200, rotated.body);
    assert.match(rotated.json().secret, /^[A-Za-z0-9_-]{43}$/);
    assert.notEqual(rotated.json().secret, created.secret);

    const events = await t.deps.db
      .selectFrom('events')
      .select(['type', 'data'])
      .where('subject_id', '=', created.id)
      .orderBy('id')
      .execute();
    assert.deepEqual(
      events.map((e) => e.type),
      ['webhook.created', 'webhook.updated', 'webhook.secret_rotated'],
    );
    assert.deepEqual(events[1]?.data, {
      changes: { name: { from: 'CRM', to: 'CRM sync' }, enabled: { from: true, to: false } },
    });
    const audit = JSON.stringify(events);
    assert.ok(!audit.includes(created.secret) && !audit.includes(rotated.json().secret));
  });

  test('only http(s) URLs without credentials are accepted', async () => {
    for (const url of ['ftp://files.example.com/x', 'https://user:pw@example.com/x', 'not a url']) {
      const res = await t.call(t.ws.admin.token, 'POST', '/api/v1/webhooks', { name: 'bad', url });
      assert.equal(res.statusCode, 422, url);
      assert.equal(res.json().errors[0].pointer, '/url');
    }
  });

  test('a disabled webhook cannot be pinged; deleting removes it with an event', async () => {
    const hook = await newWebhook('/to-delete');
    await t.call(t.ws.admin.token, 'PATCH', `/api/v1/webhooks/${hook.id}`, { enabled: false });
    const refused = await t.call(t.ws.admin.token, 'POST', `/api/v1/webhooks/${hook.id}/test`);
    assert.equal(refused.statusCode, 422);
    const deleted = await t.call(t.ws.admin.token, 'DELETE', `/api/v1/webhooks/${hook.id}`);
    assert.equal(deleted.statusCode, 204);
    assert.equal((await t.call(t.ws.admin.token, 'GET', `/api/v1/webhooks/${hook.id}`)).statusCode, 404);
    const event = await t.deps.db
      .selectFrom('events')
      .select('type')
      .where('subject_id', '=', hook.id)
      .where('type', '=', 'webhook.deleted')
      .executeTakeFirst();
    assert.ok(event);
  });

  test('agents and light agents may not touch webhooks or jobs', async () => {
    const hook = await newWebhook('/roles');
    for (const token of [t.ws.agent.token, t.ws.lightAgent.token]) {
      for (const [method, url] of [
        ['GET', '/api/v1/webhooks'],
        ['POST', '/api/v1/webhooks'],
        ['GET', `/api/v1/webhooks/${hook.id}`],
        ['PATCH', `/api/v1/webhooks/${hook.id}`],
        ['DELETE', `/api/v1/webhooks/${hook.id}`],
        ['POST', `/api/v1/webhooks/${hook.id}/rotate-secret`],
        ['POST', `/api/v1/webhooks/${hook.id}/test`],
        ['GET', `/api/v1/webhooks/${hook.id}/deliveries`],
        ['GET', '/api/v1/jobs'],
      ] as const) {
        const res = await t.call(
          token,
          method,
          url,
          method === 'GET' || method === 'DELETE' ? undefined : {},
        );
        assert.equal(res.statusCode, 403, `${method} ${url}`);
      }
    }
  });

  test('without a job queue, tests and the jobs API answer 503', async () => {
    const hook = await newWebhook('/no-queue');
    t.deps.jobs = null;
    try {
      const pinged = await t.call(t.ws.admin.token, 'POST', `/api/v1/webhooks/${hook.id}/test`);
      assert.equal(pinged.statusCode, 503);
      assert.equal((await t.call(t.ws.admin.token, 'GET', '/api/v1/jobs')).statusCode, 503);
    } finally {
      t.deps.jobs = jobs;
    }
    const deliveries = await t.call(t.ws.admin.token, 'GET', `/api/v1/webhooks/${hook.id}/deliveries`);
    assert.deepEqual(deliveries.json().data, []);
  });
});

describe('delivering', { concurrency: true }, () => {
  test('a delivery is signed over the exact raw body with the secret', async () => {
    const hook = await newWebhook('/signed');
    const deliveryId = await ping(hook.id);
    const row = await settled(deliveryId);
    assert.equal(row.status, 'delivered');
    assert.equal(row.attempts, 1);
    assert.equal(row.last_status_code, 200);
    assert.ok(row.delivered_at);
    const request = received.find((r) => r.path === '/signed');
    assert.ok(request);
    assert.equal(request.headers['content-type'], 'application/json');
    assert.equal(request.headers['user-agent'], 'Switchboard-Webhooks/1');
    assert.equal(request.headers['x-switchboard-delivery'], deliveryId);
    assert.match(String(request.headers['x-switchboard-timestamp']), /^\d{10}$/);
    assert.ok(verify(hook.secret, request), 'signature verifies with the secret');
    assert.ok(!verify('another secret', request));
    assert.ok(
      !verify(hook.secret, { ...request, rawBody: `${request.rawBody} ` }),
      'any byte changed breaks it',
    );
    const body = JSON.parse(request.rawBody);
    assert.equal(body.type, 'webhook.ping');
    assert.equal(body.webhookId, hook.id);

    const page = await t.call(t.ws.admin.token, 'GET', `/api/v1/webhooks/${hook.id}/deliveries`);
    assert.equal(page.statusCode, 200);
    const [delivery] = page.json().data;
    assert.equal(delivery.id, deliveryId);
    assert.equal(delivery.status, 'delivered');
    assert.equal(delivery.type, 'webhook.ping');
    assert.equal(delivery.lastStatusCode, 200);
  });

  test('a receiver answering 500 twice then 200 gets three attempts and the delivery ends delivered', async () => {
    const hook = await newWebhook('/flaky', [500, 500, 200]);
    const deliveryId = await ping(hook.id);
    const row = await settled(deliveryId);
    assert.equal(row.status, 'delivered');
    assert.equal(row.attempts, 3);
    assert.equal(row.last_status_code, 200);
    assert.equal(row.last_error, null);
    const attempts = received.filter((r) => r.path === '/flaky');
    assert.equal(attempts.length, 3);
    assert.ok(attempts.every((r) => r.headers['x-switchboard-delivery'] === deliveryId));
    assert.ok(attempts.every((r) => verify(hook.secret, r)));
    const job = await deliveryJob(deliveryId, 'completed');
    assert.equal(job.retryCount, 2);
  });

  test('a receiver that never answers is retried, then failed; an admin can retry the job', async () => {
    const hook = await newWebhook('/silent', ['hang']);
    const deliveryId = await ping(hook.id);
    const row = await settled(deliveryId);
    assert.equal(row.status, 'failed');
    assert.equal(row.attempts, 3);
    assert.equal(row.last_status_code, null);
    assert.match(row.last_error ?? '', /no response within 300 ms/);

    const job = await deliveryJob(deliveryId, 'failed');
    assert.match(job.error ?? '', /no response within 300 ms/);
    const failed = await t.call(t.ws.admin.token, 'GET', '/api/v1/jobs?state=failed&queue=webhook.deliver');
    assert.ok(failed.json().data.some((j: { id: string }) => j.id === job.id));

    scripts.set('/silent', [200]);
    const retried = await t.call(t.ws.admin.token, 'POST', `/api/v1/jobs/webhook.deliver/${job.id}/retry`);
    assert.equal(retried.statusCode, 200, retried.body);
    assert.equal(retried.json().state, 'retry');
    const again = await t.call(t.ws.admin.token, 'POST', `/api/v1/jobs/webhook.deliver/${job.id}/retry`);
    assert.equal(again.statusCode, 422, 'only failed jobs can be retried');
    const event = await t.deps.db
      .selectFrom('events')
      .select(['type', 'data'])
      .where('subject_id', '=', job.id)
      .executeTakeFirstOrThrow();
    assert.deepEqual(event, { type: 'job.retried', data: { queue: 'webhook.deliver' } });

    const redelivered = await until(deliveryId, (row) => row.status === 'delivered');
    assert.equal(redelivered.attempts, 4);
    assert.equal(redelivered.last_error, null);
  });

  test('a 410 fails the delivery at once, without retries', async () => {
    const hook = await newWebhook('/gone', [410]);
    const deliveryId = await ping(hook.id);
    const row = await settled(deliveryId);
    assert.equal(row.status, 'failed');
    assert.equal(row.attempts, 1);
    assert.equal(row.last_status_code, 410);
    assert.equal(row.last_error, 'HTTP 410');
    assert.equal(received.filter((r) => r.path === '/gone').length, 1);
    const job = await deliveryJob(deliveryId, 'failed');
    assert.equal(job.retryCount, 0);
  });
});

describe('rules call webhooks', () => {
  test('a creation rule with call_webhook delivers the ticket to the receiver', async () => {
    const hook = await newWebhook('/from-rule');
    const { ruleIds } = await insertRuleSet(t.database.db, t.ws.id, {
      kind: 'creation',
      rules: [
        {
          name: 'Tell the CRM',
          kind: 'creation',
          conditions: { all: [{ field: 'ticket.subject', operator: 'contains', value: 'invoice' }] },
          actions: [{ type: 'call_webhook', webhookId: hook.id }],
        },
      ],
    });
    const created = await t.call(t.ws.agent.token, 'POST', '/api/v1/tickets', {
      subject: 'Wrong invoice total',
      requester: { email: 'billing@example.com' },
      message: { bodyText: 'The invoice says 120, the order said 100.' },
    });
    assert.equal(created.statusCode, 201, created.body);
    await drainInbox({ ...t.deps, jobs });

    const [delivery] = (
      await t.call(t.ws.admin.token, 'GET', `/api/v1/webhooks/${hook.id}/deliveries`)
    ).json().data;
    assert.ok(delivery, 'the rule recorded a delivery');
    assert.equal(delivery.ticketId, created.json().id);
    assert.equal(delivery.ruleId, ruleIds[0]);
    assert.equal((await settled(delivery.id)).status, 'delivered');
    const request = received.find((r) => r.path === '/from-rule');
    assert.ok(request && verify(hook.secret, request));
    const body = JSON.parse(request.rawBody);
    assert.equal(body.type, 'rule.fired');
    assert.equal(body.ruleId, ruleIds[0]);
    assert.equal(body.ticket.id, created.json().id);
    assert.equal(body.ticket.subject, 'Wrong invoice total');

    const refused = await t.call(t.ws.admin.token, 'DELETE', `/api/v1/webhooks/${hook.id}`);
    assert.equal(refused.statusCode, 409);
    assert.equal(refused.json().code, 'WEBHOOK_IN_USE');
    assert.deepEqual(refused.json().ruleIds, ruleIds);
  });
});

describe('isolation', () => {
  test("another workspace's admin cannot see or touch our webhooks, deliveries or jobs", async () => {
    const other = await t.addWorkspace('other-hooks');
    const hook = await newWebhook('/isolated');
    const deliveryId = await ping(hook.id);
    await settled(deliveryId);
    const job = await deliveryJob(deliveryId, 'completed');
    for (const [method, url] of [
      ['GET', `/api/v1/webhooks/${hook.id}`],
      ['PATCH', `/api/v1/webhooks/${hook.id}`],
      ['DELETE', `/api/v1/webhooks/${hook.id}`],
      ['POST', `/api/v1/webhooks/${hook.id}/rotate-secret`],
      ['POST', `/api/v1/webhooks/${hook.id}/test`],
      ['GET', `/api/v1/webhooks/${hook.id}/deliveries`],
      ['POST', `/api/v1/jobs/webhook.deliver/${job.id}/retry`],
    ] as const) {
      const res = await t.call(
        other.admin.token,
        method,
        url,
        method === 'PATCH' ? { name: 'x' } : undefined,
      );
      assert.equal(res.statusCode, 404, `${method} ${url}`);
    }
    assert.deepEqual((await t.call(other.admin.token, 'GET', '/api/v1/webhooks')).json().data, []);
    assert.deepEqual((await t.call(other.admin.token, 'GET', '/api/v1/jobs')).json().data, []);
  });
});

describe('private targets', () => {
  test('loopback and private URLs are refused unless SWITCHBOARD_WEBHOOK_ALLOW_PRIVATE is set', async () => {
    const strict = await createTestContext();
    try {
      for (const url of ['http://127.0.0.1:9/x', 'http://localhost/x', 'http://169.254.169.254/latest']) {
        const res = await strict.call(strict.ws.admin.token, 'POST', '/api/v1/webhooks', { name: 'x', url });
        assert.equal(res.statusCode, 422, url);
        assert.equal(res.json().errors[0].pointer, '/url');
      }
      const ok = await strict.call(strict.ws.admin.token, 'POST', '/api/v1/webhooks', {
        name: 'public',
        url: 'https://hooks.example.com/in',
      });
      assert.equal(ok.statusCode, 201);
    } finally {
      await strict.close();
    }
    assert.deepEqual(queueErrors, []);
  });
});
