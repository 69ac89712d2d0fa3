import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { drainInbox } from '../src/modules/automation/process-inbox.ts';
import { createTestContext, type TestContext } from './support/test-app.ts';

let t: TestContext;
before(async () => {
  t = await createTestContext();
});
after(async () => {
  await t?.close();
});

const admin = () => t.ws.admin.token;
const drain = () => drainInbox({ ...t.deps, jobs: null });

async function createSet(body: Record<string, unknown>) {
  const res = await t.call(admin(), 'POST', '/api/v1/rule-sets', body);
  assert.equal(res.statusCode, 201, res.body);
  return res.json();
}

async function createRule(body: Record<string, unknown>) {
  const res = await t.call(admin(), 'POST', '/api/v1/rules', body);
  assert.equal(res.statusCode, 201, res.body);
  return res.json();
}

const tagRule = (ruleSetId: string, name: string, tag: string) => ({
  ruleSetId,
  name,
  kind: 'creation',
  conditions: { all: [{ field: 'ticket.subject', operator: 'contains', value: tag }] },
  actions: [{ type: 'add_tags', tags: [tag] }],
});

async function eventsOf(subjectId: string) {
  const res = await t.call(admin(), 'GET', `/api/v1/events?subjectId=${subjectId}`);
  return res.json().data.map((e: { type: string }) => e.type);
}

describe('rule sets', () => {
  test('create, list, change, reorder and delete', async () => {
    const first = await createSet({ name: 'Triage', kind: 'update' });
    assert.equal(first.mode, 'first_match');
    assert.equal(first.enabled, true);
    const second = await createSet({ name: 'Escalation', kind: 'update', mode: 'all_matches', position: 0 });
    const listed = (await t.call(t.ws.lightAgent.token, 'GET', '/api/v1/rule-sets?kind=update')).json().data;
    assert.deepEqual(
      listed.map((s: { id: string }) => s.id),
      [second.id, first.id],
    );

    const patched = await t.call(admin(), 'PATCH', `/api/v1/rule-sets/${first.id}`, {
      name: 'Triage v2',
      enabled: false,
      position: 0,
    });
    assert.equal(patched.statusCode, 200, patched.body);
    assert.equal(patched.json().name, 'Triage v2');
    assert.equal(patched.json().enabled, false);
    const reordered = await t.call(admin(), 'PUT', '/api/v1/rule-sets/order', {
      kind: 'update',
      ids: [second.id, first.id],
    });
    assert.equal(reordered.statusCode, 200, reordered.body);
    assert.deepEqual(
      reordered.json().data.map((s: { id: string; position: number }) => [s.id, s.position]),
      [
        [second.id, 0],
        [first.id, 1],
      ],
    );
    const partial = await t.call(admin(), 'PUT', '/api/v1/rule-sets/order', {
      kind: 'update',
      ids: [first.id],
    });
    assert.equal(partial.statusCode, 422);
    assert.equal(partial.json().errors[0].pointer, '/ids');

    assert.equal((await t.call(admin(), 'DELETE', `/api/v1/rule-sets/${second.id}`)).statusCode, 204);
    assert.equal((await t.call(admin(), 'GET', `/api/v1/rule-sets/${second.id}`)).statusCode, 404);
    assert.deepEqual(await eventsOf(first.id), ['rule_set.created', 'rule_set.updated', 'rule_set.updated']);
    assert.deepEqual(await eventsOf(second.id), ['rule_set.created', 'rule_set.updated', 'rule_set.deleted']);
  });
});

describe('rules', () => {
  test('CRUD: create, read with stats, change partially, reorder, delete', async () => {
    const set = await createSet({ name: 'Creation', kind: 'creation', mode: 'all_matches' });
    const a = await createRule(tagRule(set.id, 'Tag alpha', 'alpha'));
    const b = await createRule({ ...tagRule(set.id, 'Tag beta', 'beta'), position: 0 });
    assert.equal(a.kind, 'creation');
    assert.equal(a.timeAnchor, null);
    assert.deepEqual(a.stats, {
      runs: 0,
      matches: 0,
      failures: 0,
      lastRunAt: null,
      lastMatchedAt: null,
      lastFailedAt: null,
      avgDurationUs: null,
    });
    const got = (await t.call(t.ws.lightAgent.token, 'GET', `/api/v1/rule-sets/${set.id}`)).json();
    assert.deepEqual(got.ruleIds, [b.id, a.id]);

    const renamed = await t.call(admin(), 'PATCH', `/api/v1/rules/${a.id}`, {
      name: 'Tag alpha!',
      enabled: false,
    });
    assert.equal(renamed.statusCode, 200, renamed.body);
    assert.equal(renamed.json().name, 'Tag alpha!');
    assert.equal(renamed.json().enabled, false);
    assert.deepEqual(renamed.json().conditions, a.conditions);

    const list = (
      await t.call(t.ws.agent.token, 'GET', `/api/v1/rules?ruleSetId=${set.id}&enabled=true`)
    ).json();
    assert.deepEqual(
      list.data.map((r: { id: string }) => r.id),
      [b.id],
    );
    const order = await t.call(admin(), 'PUT', `/api/v1/rule-sets/${set.id}/order`, { ids: [a.id, b.id] });
    assert.equal(order.statusCode, 200, order.body);
    assert.deepEqual(order.json().ruleIds, [a.id, b.id]);

    assert.equal((await t.call(admin(), 'DELETE', `/api/v1/rules/${b.id}`)).statusCode, 204);
    assert.equal((await t.call(admin(), 'GET', `/api/v1/rules/${b.id}`)).statusCode, 404);
    assert.deepEqual(await eventsOf(a.id), ['rule.created', 'rule.updated']);
    assert.deepEqual(await eventsOf(b.id), ['rule.created', 'rule.deleted']);
    const updated = (
      await t.call(admin(), 'GET', `/api/v1/events?subjectId=${a.id}&type=rule.updated`)
    ).json();
    assert.deepEqual(updated.data[0].data.changes, {
      name: { from: 'Tag alpha', to: 'Tag alpha!' },
      enabled: { from: true, to: false },
    });
  });

  test('validation errors carry the engine pointers', async () => {
    const set = await createSet({ name: 'Strict', kind: 'creation' });
    const res = await t.call(admin(), 'POST', '/api/v1/rules', {
      ruleSetId: set.id,
      name: 'Broken',
      kind: 'creation',
      conditions: {
        all: [
          { field: 'ticket.nope', operator: 'is', value: 'x' },
          { field: 'ticket.subject', operator: 'greater_than', value: 3 },
          { field: 'ticket.status', operator: 'is', value: 'nope' },
          { field: 'ticket.subject', operator: 'matches_regex', value: '(a+)+' },
        ],
      },
      actions: [{ type: 'set_team', teamId: '01900000-0000-7000-8000-000000000000' }, { type: 'explode' }],
    });
    assert.equal(res.statusCode, 422, res.body);
    assert.equal(res.json().code, 'VALIDATION_FAILED');
    assert.deepEqual(
      res
        .json()
        .errors.map((e: { pointer: string }) => e.pointer)
        .sort(),
      [
        '/actions/0/teamId',
        '/actions/1/type',
        '/conditions/all/0/field',
        '/conditions/all/1/operator',
        '/conditions/all/2/value',
        '/conditions/all/3/value',
      ],
    );
    const missing = await t.call(admin(), 'POST', '/api/v1/rules', { name: 'x', kind: 'creation' });
    assert.deepEqual(
      missing
        .json()
        .errors.map((e: { pointer: string }) => e.pointer)
        .sort(),
      ['/actions', '/conditions', '/ruleSetId'],
    );
    const bad = await t.call(
      admin(),
      'PATCH',
      `/api/v1/rules/${(await createRule(tagRule(set.id, 'ok', 'ok'))).id}`,
      {
        actions: [{ type: 'set_priority', priority: 'whenever' }],
      },
    );
    assert.equal(bad.statusCode, 422);
    assert.deepEqual(
      bad.json().errors.map((e: { pointer: string }) => e.pointer),
      ['/actions/0/priority'],
    );
  });

  test("a rule's kind must be its set's kind; time rules store their anchor", async () => {
    const updates = await createSet({ name: 'Updates', kind: 'update' });
    const mismatch = await t.call(admin(), 'POST', '/api/v1/rules', tagRule(updates.id, 'Wrong kind', 'x'));
    assert.equal(mismatch.statusCode, 422);
    assert.deepEqual(
      mismatch.json().errors.map((e: { pointer: string }) => e.pointer),
      ['/kind'],
    );

    const timed = await createSet({ name: 'Timers', kind: 'time' });
    const noAnchor = await t.call(admin(), 'POST', '/api/v1/rules', {
      ruleSetId: timed.id,
      name: 'No threshold',
      kind: 'time',
      conditions: { all: [{ field: 'ticket.status', operator: 'is', value: 'pending' }] },
      actions: [{ type: 'set_status', status: 'solved' }],
    });
    assert.equal(noAnchor.statusCode, 422);
    assert.equal(noAnchor.json().errors[0].pointer, '/conditions');
    const rule = await createRule({
      ruleSetId: timed.id,
      name: 'Pending 48 business hours',
      kind: 'time',
      conditions: {
        all: [
          { field: 'ticket.status', operator: 'is', value: 'pending' },
          { field: 'ticket.businessHoursSinceStatusChanged', operator: 'greater_than', value: 48 },
        ],
      },
      actions: [{ type: 'set_status', status: 'solved' }],
    });
    assert.deepEqual(rule.timeAnchor, {
      field: 'ticket.businessHoursSinceStatusChanged',
      since: 'statusChanged',
      hours: 48,
      isInclusive: false,
      isBusinessTime: true,
    });
  });

  test('an enabled rule that would loop with another is refused, naming both', async () => {
    const set = await createSet({ name: 'Loops', kind: 'update', mode: 'all_matches' });
    const loop = (name: string, from: string, to: string) => ({
      ruleSetId: set.id,
      name,
      kind: 'update',
      conditions: { all: [{ field: 'ticket.priority', operator: 'changed_to', value: from }] },
      actions: [{ type: 'set_priority', priority: to }],
    });
    await createRule(loop('Up', 'low', 'high'));
    const refused = await t.call(admin(), 'POST', '/api/v1/rules', loop('Down', 'high', 'low'));
    assert.equal(refused.statusCode, 422, refused.body);
    assert.equal(refused.json().code, 'RULE_CYCLE_DETECTED');
    assert.match(refused.json().detail, /'Up'/);
    assert.match(refused.json().detail, /'Down'/);
    assert.deepEqual(
      refused
        .json()
        .cycles[0].rules.map((r: { name: string }) => r.name)
        .sort(),
      ['Down', 'Up'],
    );
    const disabled = await createRule({ ...loop('Down', 'high', 'low'), enabled: false });
    const enable = await t.call(admin(), 'PATCH', `/api/v1/rules/${disabled.id}`, { enabled: true });
    assert.equal(enable.json().code, 'RULE_CYCLE_DETECTED');
  });

  test('roles: admins write, agents cannot, light agents read', async () => {
    const set = await createSet({ name: 'Roles', kind: 'creation' });
    const asAgent = await t.call(t.ws.agent.token, 'POST', '/api/v1/rules', tagRule(set.id, 'Nope', 'nope'));
    assert.equal(asAgent.statusCode, 403);
    assert.equal(
      (await t.call(t.ws.agent.token, 'POST', '/api/v1/rule-sets', { name: 'x', kind: 'time' })).statusCode,
      403,
    );
    const rule = await createRule(tagRule(set.id, 'Yes', 'yes'));
    assert.equal((await t.call(t.ws.lightAgent.token, 'DELETE', `/api/v1/rules/${rule.id}`)).statusCode, 403);
    for (const url of [
      '/api/v1/rules',
      `/api/v1/rules/${rule.id}`,
      '/api/v1/rules/stats',
      '/api/v1/rules/fields',
    ]) {
      assert.equal((await t.call(t.ws.lightAgent.token, 'GET', url)).statusCode, 200, url);
    }
  });

  test('the OpenAPI document shows the rule body, with no dangling references', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    const body = doc.paths['/api/v1/rules'].post.requestBody.content['application/json'].schema;
    for (const key of ['ruleSetId', 'name', 'kind', 'conditions', 'actions'])
      assert.ok(body.properties[key], key);
    const refs = JSON.stringify(doc).match(/#\/components\/schemas\/[\w.-]+/g) ?? [];
    for (const ref of refs) assert.ok(doc.components?.schemas?.[ref.split('/').at(-1)!], `${ref} is defined`);
  });

  test('the editor gets the fields, with custom fields', async () => {
    await t.call(admin(), 'POST', '/api/v1/custom-fields', { key: 'plan', label: 'Plan', type: 'text' });
    const fields = (await t.call(t.ws.lightAgent.token, 'GET', '/api/v1/rules/fields')).json().data;
    const status = fields.find((f: { id: string }) => f.id === 'ticket.status');
    assert.ok(status.values.includes('pending'));
    assert.ok(status.operators.includes('is'));
    assert.ok(status.changeOperators.includes('changed_to'));
    assert.ok(fields.some((f: { id: string }) => f.id === 'ticket.customFields.plan'));
  });
});

describe('rules at work', () => {
  test('a rule created over the API runs, and shows in its run log and the stats', async () => {
    const set = await createSet({ name: 'Live', kind: 'creation' });
    const rule = await createRule(tagRule(set.id, 'Tag invoices', 'invoice'));
    const ticket = async (subject: string) =>
      (
        await t.call(t.ws.agent.token, 'POST', '/api/v1/tickets', {
          subject,
          requester: { email: 'payer@example.com' },
          message: { bodyText: 'Hello' },
        })
      ).json();
    const hit = await ticket('Invoice copy please');
    const miss = await ticket('Where is my parcel');
    await drain();
    assert.ok(
      (await t.call(t.ws.agent.token, 'GET', `/api/v1/tickets/${hit.id}`)).json().tags.includes('invoice'),
    );

    const runs = (await t.call(t.ws.lightAgent.token, 'GET', `/api/v1/rules/${rule.id}/runs`)).json();
    assert.equal(runs.data.length, 1);
    assert.equal(runs.data[0].ticketId, hit.id);
    assert.equal(runs.data[0].outcome, 'matched');
    assert.deepEqual(runs.data[0].effects, [{ type: 'add_tags', tags: ['invoice'] }]);
    assert.equal(runs.nextBefore, null);
    const any = (await t.call(admin(), 'GET', `/api/v1/rules/${rule.id}/runs?outcome=any&limit=1`)).json();
    assert.equal(any.data[0].ticketId, miss.id);
    assert.equal(any.data[0].outcome, 'not_matched');
    const older = (
      await t.call(admin(), 'GET', `/api/v1/rules/${rule.id}/runs?outcome=any&before=${any.nextBefore}`)
    ).json();
    assert.deepEqual(
      older.data.map((r: { ticketId: string }) => r.ticketId),
      [hit.id],
    );

    const onTicket = (
      await t.call(t.ws.lightAgent.token, 'GET', `/api/v1/tickets/${hit.id}/rule-runs`)
    ).json();
    // Newest first: the tag the rule added is an update that update rules saw after it.
    const creation = onTicket.data.at(-1);
    assert.equal(creation.kind, 'creation');
    assert.ok(
      creation.results.some(
        (r: { ruleId: string; outcome: string }) => r.ruleId === rule.id && r.outcome === 'matched',
      ),
    );

    const stats = (await t.call(admin(), 'GET', '/api/v1/rules/stats')).json().data;
    const mine = stats.find((s: { ruleId: string }) => s.ruleId === rule.id);
    assert.equal(mine.name, 'Tag invoices');
    assert.equal(mine.runs, 2);
    assert.equal(mine.matches, 1);
    assert.equal(mine.failures, 0);
    assert.ok(mine.lastMatchedAt);
    assert.equal((await t.call(admin(), 'GET', `/api/v1/rules/${rule.id}`)).json().stats.matches, 1);
  });

  test("another workspace's rules and sets are not found", async () => {
    const other = await t.addWorkspace('other');
    const set = (
      await t.call(other.admin.token, 'POST', '/api/v1/rule-sets', { name: 'Theirs', kind: 'creation' })
    ).json();
    const rule = (
      await t.call(other.admin.token, 'POST', '/api/v1/rules', tagRule(set.id, 'Theirs', 'x'))
    ).json();
    for (const [method, url] of [
      ['GET', `/api/v1/rules/${rule.id}`],
      ['PATCH', `/api/v1/rules/${rule.id}`],
      ['DELETE', `/api/v1/rules/${rule.id}`],
      ['GET', `/api/v1/rules/${rule.id}/runs`],
      ['GET', `/api/v1/rule-sets/${set.id}`],
      ['DELETE', `/api/v1/rule-sets/${set.id}`],
    ] as const) {
      const res = await t.call(admin(), method, url, method === 'PATCH' ? { name: 'Mine' } : undefined);
      assert.equal(res.statusCode, 404, `${method} ${url}`);
    }
    const into = await t.call(admin(), 'POST', '/api/v1/rules', tagRule(set.id, 'Sneaky', 'x'));
    assert.equal(into.statusCode, 422);
    assert.deepEqual(
      into.json().errors.map((e: { pointer: string }) => e.pointer),
      ['/ruleSetId'],
    );
    const listed = (await t.call(admin(), 'GET', '/api/v1/rules')).json().data;
    assert.ok(!listed.some((r: { id: string }) => r.id === rule.id));
  });
});
