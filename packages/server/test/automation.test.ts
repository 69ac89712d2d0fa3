import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { drainInbox } from '../src/modules/automation/process-inbox.ts';
import { insertRuleSet } from './support/rules.ts';
import { createTestContext, type TestContext } from './support/test-app.ts';

let t: TestContext;
before(async () => {
  t = await createTestContext();
});
after(async () => {
  await t?.close();
});

const drain = () => drainInbox({ ...t.deps, jobs: null });

describe('creation and update rules', () => {
  test('a creation rule triages a Korean refund ticket; an update rule reacts to the change', async () => {
    const team = (await t.call(t.ws.admin.token, 'POST', '/api/v1/teams', { name: 'Billing' })).json();
    assert.ok(team.id, JSON.stringify(team));
    await insertRuleSet(t.database.db, t.ws.id, {
      kind: 'creation',
      rules: [
        {
          name: 'Refunds to billing',
          kind: 'creation',
          conditions: {
            any: [
              { field: 'ticket.subject', operator: 'matches_words', value: { words: ['환불', 'refund'] } },
              { field: 'message.text', operator: 'matches_words', value: { words: ['환불', 'refund'] } },
            ],
          },
          actions: [
            { type: 'set_team', teamId: team.id },
            { type: 'add_tags', tags: ['refund'] },
            { type: 'set_priority', priority: 'high' },
          ],
        },
      ],
    });
    const { ruleIds } = await insertRuleSet(t.database.db, t.ws.id, {
      kind: 'update',
      rules: [
        {
          name: 'High priority gets a note',
          kind: 'update',
          events: ['ticket.updated'],
          conditions: { all: [{ field: 'ticket.priority', operator: 'changed_to', value: 'high' }] },
          actions: [{ type: 'add_note', body: 'Priority raised to high by triage.' }],
        },
      ],
    });

    const created = await t.call(t.ws.agent.token, 'POST', '/api/v1/tickets', {
      subject: '환불 문의',
      requester: { email: 'refund@example.kr' },
      message: { bodyText: '주문한 상품을 환불하고 싶습니다' },
    });
    const other = await t.call(t.ws.agent.token, 'POST', '/api/v1/tickets', {
      subject: 'Where is my parcel?',
      requester: { email: 'parcel@example.com' },
      message: { bodyText: 'It has not arrived yet.' },
    });
    assert.equal(created.statusCode, 201);
    assert.ok((await drain()) >= 4);

    const ticket = (await t.call(t.ws.agent.token, 'GET', `/api/v1/tickets/${created.json().id}`)).json();
    assert.equal(ticket.teamId, team.id);
    assert.deepEqual(ticket.tags, ['refund']);
    assert.equal(ticket.priority, 'high');
    const untouched = (await t.call(t.ws.agent.token, 'GET', `/api/v1/tickets/${other.json().id}`)).json();
    assert.equal(untouched.priority, 'normal');
    assert.equal(untouched.teamId, null);

    const messages = (await t.call(t.ws.agent.token, 'GET', `/api/v1/tickets/${ticket.id}/messages`)).json()
      .data;
    const note = messages.find((m: { visibility: string }) => m.visibility === 'internal');
    assert.equal(note?.bodyText, 'Priority raised to high by triage.');
    assert.equal(note?.authorType, 'system');

    const timeline = (await t.call(t.ws.agent.token, 'GET', `/api/v1/tickets/${ticket.id}/timeline`)).json()
      .data;
    const byRule = timeline.filter((e: { actorType: string }) => e.actorType === 'rule');
    assert.deepEqual(
      byRule.map((e: { type: string }) => e.type),
      ['ticket.updated', 'message.added'],
    );
    const stats = await t.database.db
      .selectFrom('rule_stats')
      .selectAll()
      .where('rule_id', '=', ruleIds[0]!)
      .executeTakeFirstOrThrow();
    assert.equal(Number(stats.matches), 1);
    assert.equal(Number(stats.failures), 0);
  });

  test('a rule never fires twice for one change and cascades stop', async () => {
    await insertRuleSet(t.database.db, t.ws.id, {
      kind: 'update',
      rules: [
        {
          name: 'Ping',
          kind: 'update',
          events: ['ticket.updated'],
          ignoreOwnChanges: false,
          conditions: { all: [{ field: 'ticket.tags', operator: 'contains', value: 'ping' }] },
          actions: [
            { type: 'add_tags', tags: ['pong'] },
            { type: 'remove_tags', tags: ['ping'] },
          ],
        },
        {
          name: 'Pong',
          kind: 'update',
          events: ['ticket.updated'],
          ignoreOwnChanges: false,
          conditions: { all: [{ field: 'ticket.tags', operator: 'contains', value: 'pong' }] },
          actions: [
            { type: 'add_tags', tags: ['ping'] },
            { type: 'remove_tags', tags: ['pong'] },
          ],
        },
      ],
    });
    const created = (
      await t.call(t.ws.agent.token, 'POST', '/api/v1/tickets', {
        subject: 'Loop',
        requester: { email: 'loop@example.com' },
        message: { bodyText: 'x' },
      })
    ).json();
    await drain();
    await t.call(t.ws.agent.token, 'PATCH', `/api/v1/tickets/${created.id}`, { addTags: ['ping'] });
    await drain();
    const events = (await t.call(t.ws.agent.token, 'GET', `/api/v1/tickets/${created.id}/timeline`)).json()
      .data;
    const ruleChanges = events.filter(
      (e: { actorType: string; type: string }) => e.actorType === 'rule' && e.type === 'ticket.updated',
    );
    assert.equal(ruleChanges.length, 2, 'Ping then Pong, and Ping may not fire again for the same change');
    const final = (await t.call(t.ws.agent.token, 'GET', `/api/v1/tickets/${created.id}`)).json();
    assert.deepEqual(final.tags, ['ping']);
    const inbox = await t.database.db.selectFrom('automation_inbox').selectAll().execute();
    assert.equal(inbox.length, 0);
  });

  test('a failing action is logged against its rule and does not roll back the customer message', async () => {
    const { ruleIds } = await insertRuleSet(t.database.db, t.ws.id, {
      kind: 'creation',
      rules: [
        {
          name: 'Broken',
          kind: 'creation',
          conditions: { all: [{ field: 'ticket.subject', operator: 'contains', value: 'explode' }] },
          actions: [
            { type: 'add_tags', tags: ['before'] },
            { type: 'set_status', status: 'closed' },
          ],
        },
      ],
    });
    const created = (
      await t.call(t.ws.agent.token, 'POST', '/api/v1/tickets', {
        subject: 'please explode',
        requester: { email: 'boom@example.com' },
        message: { bodyText: 'customer words' },
      })
    ).json();
    await drain();
    const ticket = (await t.call(t.ws.agent.token, 'GET', `/api/v1/tickets/${created.id}`)).json();
    assert.equal(ticket.status, 'new', 'new → closed is not a valid transition');
    assert.ok(!ticket.tags.includes('before'), "the failing rule's other effects are rolled back with it");
    const messages = (await t.call(t.ws.agent.token, 'GET', `/api/v1/tickets/${created.id}/messages`)).json()
      .data;
    assert.equal(messages[0].bodyText, 'customer words');
    const stats = await t.database.db
      .selectFrom('rule_stats')
      .selectAll()
      .where('rule_id', '=', ruleIds[0]!)
      .executeTakeFirstOrThrow();
    assert.equal(Number(stats.failures), 1);
    const run = await t.database.db
      .selectFrom('rule_runs')
      .selectAll()
      .where('ticket_id', '=', created.id)
      .executeTakeFirstOrThrow();
    const result = (run.results as { ruleId: string; outcome: string; error?: string }[]).find(
      (r) => r.ruleId === ruleIds[0],
    );
    assert.equal(result?.outcome, 'failed');
    assert.match(result?.error ?? '', /status/i);
  });
});
