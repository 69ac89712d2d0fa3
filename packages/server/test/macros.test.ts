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

const macros = '/api/v1/macros';
type Ticket = {
  id: string;
  number: number;
  version: number;
  status: string;
  tags: string[];
  priority: string;
};

async function createMacro(
  token: string,
  body: Record<string, unknown>,
): Promise<{ id: string; name: string }> {
  const res = await t.call(token, 'POST', macros, body);
  assert.equal(res.statusCode, 201, res.body);
  return res.json();
}

async function newTicket(requester: Record<string, unknown>, token = t.ws.agent.token): Promise<Ticket> {
  const res = await t.call(token, 'POST', '/api/v1/tickets', {
    subject: 'Parcel never arrived',
    requester,
    message: { bodyText: 'My parcel is late.' },
  });
  assert.equal(res.statusCode, 201, res.body);
  return res.json();
}

const applyUrl = (ticketId: string, macroId: string) => `/api/v1/tickets/${ticketId}/macros/${macroId}/apply`;
const getTicket = async (id: string): Promise<Ticket> =>
  (await t.call(t.ws.agent.token, 'GET', `/api/v1/tickets/${id}`)).json();
const messagesOf = async (id: string) =>
  (await t.call(t.ws.agent.token, 'GET', `/api/v1/tickets/${id}/messages`)).json().data;
const eventsOf = (ticketId: string) =>
  t.database.db
    .selectFrom('events')
    .select(['type', 'actor_type', 'user_id', 'data'])
    .where('ticket_id', '=', ticketId)
    .orderBy('id')
    .execute();
const usageOf = async (id: string, token = t.ws.admin.token) =>
  (await t.call(token, 'GET', `${macros}/${id}`)).json().usageCount;

const replyMacro = {
  name: 'Shipping delay',
  visibility: 'shared',
  actions: [
    { type: 'set_priority', priority: 'high' },
    {
      type: 'send_reply',
      body: {
        ko: '{{requester.name}} 님, 문의 #{{ticket.number}}을(를) 확인했습니다. (우선순위 {{ticket.priority}})',
        en: 'Hi {{requester.firstName}}, we are looking into #{{ticket.number}} ({{ticket.priority}}).',
      },
    },
    { type: 'add_tags', tags: ['Shipping', 'delay'] },
    { type: 'set_status', status: 'pending' },
  ],
};

describe('macros', () => {
  test('visibility: shared for everyone (admins edit), personal for the owner only', async () => {
    const shared = await createMacro(t.ws.admin.token, { ...replyMacro, name: 'Escalate' });
    const mine = await createMacro(t.ws.agent.token, {
      name: 'My triage',
      actions: [{ type: 'add_tags', tags: ['triaged'] }],
    });
    const adminsOwn = await createMacro(t.ws.admin.token, {
      name: 'Admin only',
      actions: [{ type: 'set_priority', priority: 'low' }],
    });
    const names = async (token: string, q = '') =>
      (await t.call(token, 'GET', `${macros}${q}`)).json().data.map((m: { name: string }) => m.name);
    assert.deepEqual(await names(t.ws.agent.token), ['Escalate', 'My triage']);
    assert.deepEqual(await names(t.ws.admin.token), ['Admin only', 'Escalate']);
    assert.deepEqual(await names(t.ws.lightAgent.token), ['Escalate']);
    assert.deepEqual(await names(t.ws.agent.token, '?q=TRI'), ['My triage']);

    const agentShares = await t.call(t.ws.agent.token, 'POST', macros, { ...replyMacro });
    assert.equal(agentShares.statusCode, 403);
    const agentEdits = await t.call(t.ws.agent.token, 'PATCH', `${macros}/${shared.id}`, { name: 'Mine' });
    assert.equal(agentEdits.statusCode, 403);
    assert.equal(agentEdits.json().code, 'AUTH_FORBIDDEN');
    const agentShares2 = await t.call(t.ws.agent.token, 'PATCH', `${macros}/${mine.id}`, {
      visibility: 'shared',
    });
    assert.equal(agentShares2.statusCode, 403);
    const adminEdits = await t.call(t.ws.admin.token, 'PATCH', `${macros}/${shared.id}`, {
      description: 'For late parcels',
    });
    assert.equal(adminEdits.statusCode, 200, adminEdits.body);
    assert.equal(adminEdits.json().description, 'For late parcels');
    assert.equal((await t.call(t.ws.agent.token, 'GET', `${macros}/${adminsOwn.id}`)).statusCode, 404);
    assert.equal((await t.call(t.ws.admin.token, 'DELETE', `${macros}/${mine.id}`)).statusCode, 404);
    assert.equal((await t.call(t.ws.agent.token, 'DELETE', `${macros}/${mine.id}`)).statusCode, 204);
    assert.equal((await t.call(t.ws.agent.token, 'GET', `${macros}/${mine.id}`)).statusCode, 404);
    const events = await t.database.db
      .selectFrom('events')
      .select('type')
      .where('subject_type', '=', 'macro')
      .where('subject_id', '=', shared.id)
      .execute();
    assert.deepEqual(
      events.map((e) => e.type),
      ['macro.created', 'macro.updated'],
    );
  });

  test('actions are checked like rule actions, with pointers', async () => {
    const res = await t.call(t.ws.agent.token, 'POST', macros, {
      name: 'Broken',
      actions: [
        { type: 'set_priority', priority: 'high' },
        { type: 'set_status', status: 'bogus' },
        { type: 'call_webhook', webhookId: '00000000-0000-7000-8000-000000000000' },
        { type: 'set_team', teamId: '00000000-0000-7000-8000-000000000000' },
        { type: 'send_reply', body: { ko: '{{ticket.nubmer}}' } },
        { type: 'set_assignee', assigneeId: t.ws.lightAgent.id },
      ],
    });
    assert.equal(res.statusCode, 422, res.body);
    assert.deepEqual(
      res.json().errors.map((e: { pointer: string }) => e.pointer),
      [
        '/actions/1/status',
        '/actions/2/type',
        '/actions/3/teamId',
        '/actions/4/body/ko',
        '/actions/5/assigneeId',
      ],
    );
    const mine = await createMacro(t.ws.agent.token, {
      name: 'Fine',
      actions: [{ type: 'add_tags', tags: ['x'] }],
    });
    const patched = await t.call(t.ws.agent.token, 'PATCH', `${macros}/${mine.id}`, {
      actions: [{ type: 'add_note', body: 'ok' }, { type: 'set_type' }],
    });
    assert.equal(patched.statusCode, 422);
    assert.equal(patched.json().errors[0].pointer, '/actions/1/ticketType');
  });

  test('apply: one change by the agent, texts in the requester language, If-Match honoured', async () => {
    const macro = await createMacro(t.ws.admin.token, replyMacro);
    const ticket = await newTicket({ email: 'minsu@example.kr', name: '김민수', language: 'ko' });
    const before = await eventsOf(ticket.id);

    const stale = await t.call(t.ws.agent.token, 'POST', applyUrl(ticket.id, macro.id), undefined, {
      'if-match': `"${ticket.version + 5}"`,
    });
    assert.equal(stale.statusCode, 412);
    assert.deepEqual(await eventsOf(ticket.id), before);
    assert.equal(await usageOf(macro.id), 0);

    const applied = await t.call(t.ws.agent.token, 'POST', applyUrl(ticket.id, macro.id), undefined, {
      'if-match': `"${ticket.version}"`,
    });
    assert.equal(applied.statusCode, 200, applied.body);
    const after = applied.json();
    assert.equal(applied.headers.etag, `"${after.version}"`);
    assert.deepEqual([after.status, after.priority, after.tags], ['pending', 'high', ['shipping', 'delay']]);
    assert.deepEqual(await getTicket(ticket.id), after);

    const reply = (await messagesOf(ticket.id)).at(-1);
    assert.equal(reply.visibility, 'public');
    assert.equal(reply.authorType, 'agent');
    assert.equal(reply.bodyText, `김민수 님, 문의 #${ticket.number}을(를) 확인했습니다. (우선순위 high)`);

    const added = (await eventsOf(ticket.id)).slice(before.length);
    assert.deepEqual(
      added.map((e) => e.type),
      ['ticket.updated', 'message.added', 'macro.applied'],
    );
    assert.ok(added.every((e) => e.actor_type === 'api_token' && e.user_id === t.ws.agent.id));
    assert.deepEqual(Object.keys((added[0]?.data as { changes: object } | undefined)?.changes ?? {}).sort(), [
      'priority',
      'status',
      'tags',
    ]);
    assert.deepEqual(added[2]?.data, { macroId: macro.id, name: 'Shipping delay' });
    assert.equal(await usageOf(macro.id), 1);
    // The automation inbox takes the macro's events like any agent change.
    assert.ok((await drainInbox(t.deps)) >= added.length);

    const english = await newTicket({ email: 'jane@example.com', name: 'Jane Doe', language: 'en' });
    const second = await t.call(t.ws.admin.token, 'POST', applyUrl(english.id, macro.id));
    assert.equal(second.statusCode, 200, second.body);
    assert.equal(
      (await messagesOf(english.id)).at(-1).bodyText,
      `Hi Jane, we are looking into #${english.number} (high).`,
    );
    assert.equal(await usageOf(macro.id), 2);
  });

  test('a failing action fails the whole macro and changes nothing', async () => {
    const macro = await createMacro(t.ws.agent.token, {
      name: 'Reply and close',
      actions: [
        { type: 'add_tags', tags: ['done'] },
        { type: 'send_reply', body: 'All done!' },
        { type: 'set_status', status: 'closed' },
      ],
    });
    const ticket = await newTicket({ email: 'fail@example.com' });
    const before = { events: await eventsOf(ticket.id), messages: await messagesOf(ticket.id) };
    const res = await t.call(t.ws.agent.token, 'POST', applyUrl(ticket.id, macro.id));
    assert.equal(res.statusCode, 422, res.body);
    assert.equal(res.json().code, 'TICKET_STATUS_TRANSITION_INVALID');
    // The reply had already opened the ticket when closing failed; all of it is rolled back.
    assert.match(res.json().detail, /from open to closed/);
    assert.deepEqual(await getTicket(ticket.id), ticket);
    assert.deepEqual(await eventsOf(ticket.id), before.events);
    assert.deepEqual(await messagesOf(ticket.id), before.messages);
    assert.equal(await usageOf(macro.id, t.ws.agent.token), 0);

    const light = await t.call(t.ws.lightAgent.token, 'POST', applyUrl(ticket.id, macro.id));
    assert.equal(light.statusCode, 403);
  });

  test('preview shows effects and rendered texts without changing anything', async () => {
    const canned = await t.call(t.ws.admin.token, 'POST', '/api/v1/canned-responses', {
      name: 'Thanks',
      bodies: { ko: '감사합니다, {{requester.name}} 님.', en: 'Thank you, {{requester.firstName}}.' },
      visibility: 'shared',
    });
    assert.equal(canned.statusCode, 201, canned.body);
    const macro = await createMacro(t.ws.agent.token, {
      name: 'Thank and solve',
      actions: [
        { type: 'send_reply', cannedResponseId: canned.json().id },
        { type: 'add_note', body: 'Solved #{{ticket.number}} with a macro.' },
        { type: 'set_status', status: 'solved' },
      ],
    });
    const ticket = await newTicket({ email: 'ana@example.com', name: 'Ana Lima', language: 'en' });
    const before = await eventsOf(ticket.id);
    const res = await t.call(
      t.ws.agent.token,
      'POST',
      `/api/v1/tickets/${ticket.id}/macros/${macro.id}/preview`,
    );
    assert.equal(res.statusCode, 200, res.body);
    const preview = res.json();
    assert.equal(preview.ticketVersion, ticket.version);
    assert.deepEqual(
      preview.effects.map((e: { type: string }) => e.type),
      ['send_reply', 'add_note', 'set_status'],
    );
    assert.deepEqual(preview.texts, [
      { actionIndex: 0, type: 'send_reply', locale: 'en', text: 'Thank you, Ana.' },
      { actionIndex: 1, type: 'add_note', locale: 'en', text: `Solved #${ticket.number} with a macro.` },
    ]);
    assert.deepEqual(await getTicket(ticket.id), ticket);
    assert.deepEqual(await eventsOf(ticket.id), before);
    assert.equal(await usageOf(macro.id, t.ws.agent.token), 0);

    const applied = await t.call(t.ws.agent.token, 'POST', applyUrl(ticket.id, macro.id));
    assert.equal(applied.statusCode, 200, applied.body);
    assert.equal(applied.json().status, 'solved');
    const texts = (await messagesOf(ticket.id)).slice(-2).map((m: { bodyText: string }) => m.bodyText);
    assert.deepEqual(
      texts,
      preview.texts.map((x: { text: string }) => x.text),
    );
  });

  test('isolation: other workspaces and other agents answer 404', async () => {
    const other = await t.addWorkspace('other-macros');
    const ours = await createMacro(t.ws.admin.token, {
      name: 'Ours',
      visibility: 'shared',
      actions: [{ type: 'add_tags', tags: ['ours'] }],
    });
    const adminsOwn = await createMacro(t.ws.admin.token, {
      name: 'Private',
      actions: [{ type: 'add_tags', tags: ['p'] }],
    });
    const theirs = await createMacro(other.admin.token, {
      name: 'Theirs',
      actions: [{ type: 'add_tags', tags: ['t'] }],
    });
    const ourTicket = await newTicket({ email: 'iso@example.com' });
    const theirTicket = await newTicket({ email: 'iso@example.com' }, other.agent.token);

    assert.equal((await t.call(other.admin.token, 'GET', `${macros}/${ours.id}`)).statusCode, 404);
    assert.equal(
      (await t.call(other.admin.token, 'PATCH', `${macros}/${ours.id}`, { name: 'x' })).statusCode,
      404,
    );
    const foreignMacro = await t.call(t.ws.agent.token, 'POST', applyUrl(ourTicket.id, theirs.id));
    assert.equal(foreignMacro.json().code, 'MACRO_NOT_FOUND');
    const foreignTicket = await t.call(t.ws.agent.token, 'POST', applyUrl(theirTicket.id, ours.id));
    assert.equal(foreignTicket.json().code, 'TICKET_NOT_FOUND');
    const othersPersonal = await t.call(t.ws.agent.token, 'POST', applyUrl(ourTicket.id, adminsOwn.id));
    assert.equal(othersPersonal.statusCode, 404);
    assert.deepEqual((await getTicket(ourTicket.id)).tags, []);
  });
});
