import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { detectUrgency } from '@switchboard/core';
import { drainInbox } from '../src/modules/automation/process-inbox.ts';
import { insertRuleSet } from './support/rules.ts';
import { createTestContext, type TestContext } from './support/test-app.ts';

let t: TestContext;
let onDutyTeam: { id: string; memberIds: string[] };
before(async () => {
  t = await createTestContext();
  const team = await t.call(t.ws.admin.token, 'POST', '/api/v1/teams', {
    name: 'On duty',
    memberIds: [t.ws.agent.id, t.ws.admin.id],
  });
  onDutyTeam = team.json();
  await settings({ locale: 'ko', urgentAlerts: { onDutyTeamId: onDutyTeam.id } });
  // Proves the signals run before creation rules: this rule only sees what they set.
  await insertRuleSet(t.database.db, t.ws.id, {
    kind: 'creation',
    rules: [
      {
        name: 'Urgent Korean tickets',
        kind: 'creation',
        conditions: {
          all: [
            { field: 'ticket.priority', operator: 'is', value: 'urgent' },
            { field: 'ticket.language', operator: 'is', value: 'ko' },
          ],
        },
        actions: [{ type: 'add_tags', tags: ['seen-by-rules'] }],
      },
    ],
  });
});
after(async () => {
  await t?.close();
});

const drain = () => drainInbox({ ...t.deps, jobs: null });

async function settings(body: unknown) {
  const res = await t.call(t.ws.admin.token, 'PATCH', '/api/v1/settings/automation', body);
  assert.equal(res.statusCode, 200, res.body);
}

async function createTicket(body: Record<string, unknown>): Promise<string> {
  const res = await t.call(t.ws.agent.token, 'POST', '/api/v1/tickets', body);
  assert.equal(res.statusCode, 201, res.body);
  await drain();
  return res.json().id;
}

const getTicket = async (id: string) =>
  (await t.call(t.ws.agent.token, 'GET', `/api/v1/tickets/${id}`)).json();
const messagesOf = async (id: string) =>
  (await t.call(t.ws.agent.token, 'GET', `/api/v1/tickets/${id}/messages`)).json().data;
const eventsOf = (id: string, type: string) =>
  t.database.db
    .selectFrom('events')
    .selectAll()
    .where('ticket_id', '=', id)
    .where('type', '=', type)
    .execute();
const notificationsOf = (id: string) =>
  t.database.db
    .selectFrom('notifications')
    .selectAll()
    .where('ticket_id', '=', id)
    .orderBy('recipient_id')
    .execute();

describe('new-ticket signals', () => {
  test('an urgent Korean ticket is raised, tagged, alerted and acknowledged before the rules run', async () => {
    const id = await createTicket({
      subject: '긴급 도와주세요',
      requester: { email: 'kim@example.kr', name: '김철수' },
      message: { bodyText: '결제가 안 돼요 사이트 접속 불가' },
    });
    const ticket = await getTicket(id);
    assert.equal(ticket.priority, 'urgent');
    assert.equal(ticket.language, 'ko');
    assert.deepEqual(ticket.tags.sort(), ['seen-by-rules', 'urgent']);
    assert.equal(ticket.status, 'new');
    assert.equal(ticket.firstResponseAt, null, 'an automatic acknowledgement is not a first response');

    const messages = await messagesOf(id);
    assert.equal(messages.length, 2);
    const ack = messages[1];
    assert.equal(ack.authorType, 'system');
    assert.equal(ack.visibility, 'public');
    assert.equal(
      ack.bodyText,
      `안녕하세요 김철수님, 긴급 문의로 접수되었습니다 (#${ticket.number}). 담당자가 바로 확인하고 있습니다.`,
    );

    const notes = await notificationsOf(id);
    assert.deepEqual(notes.map((n) => n.recipient_id).sort(), [...onDutyTeam.memberIds].sort());
    for (const n of notes) {
      assert.equal(n.recipient_kind, 'team');
      assert.equal(n.status, 'pending');
      assert.equal(n.subject, `[긴급] #${ticket.number} 긴급 도와주세요`);
      assert.match(n.body_text, /결제 실패/);
    }

    const [detected] = await eventsOf(id, 'ticket.urgency_detected');
    const data = detected?.data as { reasons: string[]; score: number };
    assert.equal(detected?.actor_type, 'system');
    assert.ok(
      data.reasons.includes('payment_failure') && data.reasons.includes('outage'),
      data.reasons.join(),
    );
    assert.ok(data.score >= 0.5);
  });

  test('a calm ticket only gets its language', async () => {
    const id = await createTicket({
      subject: '배송 문의',
      requester: { email: 'park@example.kr' },
      message: { bodyText: '주문한 상품이 언제 도착하나요?' },
    });
    const ticket = await getTicket(id);
    assert.equal(ticket.priority, 'normal');
    assert.deepEqual(ticket.tags, []);
    assert.equal(ticket.language, 'ko');
    assert.equal((await messagesOf(id)).length, 1);
    assert.deepEqual(await notificationsOf(id), []);
    assert.deepEqual(await eventsOf(id, 'ticket.urgency_detected'), []);
  });

  test('an English customer is acknowledged in English while agents are alerted in the workspace language', async () => {
    const id = await createTicket({
      subject: 'Site down',
      requester: { email: 'ann@example.com', name: 'Ann Lee' },
      message: { bodyText: 'Our site is down and checkout fails for all customers.' },
    });
    const ticket = await getTicket(id);
    assert.equal(ticket.priority, 'urgent');
    assert.equal(ticket.language, 'en');
    const ack = (await messagesOf(id))[1];
    assert.equal(
      ack.bodyText,
      `Hi Ann Lee, we've received your urgent request (#${ticket.number}) and an agent is looking at it now.`,
    );
    assert.match((await notificationsOf(id))[0]?.subject ?? '', /^\[긴급\]/);
  });

  test('with urgent alerts off nothing is raised', async () => {
    await settings({ urgentAlerts: { enabled: false } });
    const bodyText = '로그인이 안 돼요. 계정이 잠겼어요';
    assert.ok(detectUrgency(bodyText).urgent);
    const id = await createTicket({
      subject: '로그인',
      requester: { email: 'lee@example.kr' },
      message: { bodyText },
    });
    await settings({ urgentAlerts: { enabled: true } });
    const ticket = await getTicket(id);
    assert.equal(ticket.priority, 'normal');
    assert.deepEqual(ticket.tags, []);
    assert.equal((await messagesOf(id)).length, 1);
    assert.deepEqual(await eventsOf(id, 'ticket.urgency_detected'), []);
  });

  test('VIP requesters go to the VIP team unless the ticket has a team', async () => {
    const vipTeam = (await t.call(t.ws.admin.token, 'POST', '/api/v1/teams', { name: 'VIP' })).json();
    await settings({ vipTeamId: vipTeam.id });
    const vip = await t.call(t.ws.agent.token, 'POST', '/api/v1/contacts', {
      name: 'Very Important',
      emails: ['vip@example.com'],
      isVip: true,
    });
    assert.equal(vip.statusCode, 201, vip.body);
    const message = { bodyText: 'A question about invoices.' };
    const routed = await createTicket({ subject: 'Invoices', requester: { id: vip.json().id }, message });
    assert.equal((await getTicket(routed)).teamId, vipTeam.id);
    const kept = await createTicket({
      subject: 'Invoices',
      requester: { id: vip.json().id },
      message,
      teamId: onDutyTeam.id,
    });
    assert.equal((await getTicket(kept)).teamId, onDutyTeam.id);
    const regular = await createTicket({
      subject: 'Invoices',
      requester: { email: 'joe@example.com' },
      message,
    });
    assert.equal((await getTicket(regular)).teamId, null);
  });
});

describe('thank-you replies on solved tickets', () => {
  async function solvedTicket(): Promise<string> {
    const id = await createTicket({
      subject: '환불 문의',
      requester: { email: `thanks-${Math.random()}@example.kr` },
      message: { bodyText: '환불 부탁드립니다' },
    });
    const solved = await t.call(t.ws.agent.token, 'PATCH', `/api/v1/tickets/${id}`, { status: 'solved' });
    assert.equal(solved.statusCode, 200, solved.body);
    return id;
  }
  const customerSays = (id: string, bodyText: string) =>
    t.call(t.ws.agent.token, 'POST', `/api/v1/tickets/${id}/messages`, { bodyText, author: 'requester' });

  const cases = [
    { text: '감사합니다! 해결됐어요', staysSolved: true },
    { text: '감사한데 아직 안 돼요', staysSolved: false },
    { text: 'thanks, that fixed it', staysSolved: true },
    { text: "thanks but it still doesn't work", staysSolved: false },
  ];
  for (const { text, staysSolved } of cases) {
    test(`"${text}" ${staysSolved ? 'keeps the ticket solved' : 'reopens it'}`, async () => {
      const id = await solvedTicket();
      const res = await customerSays(id, text);
      assert.equal(res.statusCode, 201, res.body);
      const ticket = await getTicket(id);
      assert.equal(ticket.status, staysSolved ? 'solved' : 'open');
      assert.ok(ticket.lastCustomerMessageAt);
      const events = await eventsOf(id, 'message.thanks_detected');
      assert.equal(events.length, staysSolved ? 1 : 0);
      if (staysSolved) {
        const data = events[0]?.data as { messageId: string; confidence: number; cues: string[] };
        assert.equal(data.messageId, res.json().id);
        assert.ok(data.confidence >= 0.9);
        assert.ok(data.cues.some((c) => c.startsWith('thanks.')));
      }
    });
  }

  test('with keepSolvedOnThanks off every customer reply reopens; closed tickets stay closed', async () => {
    await settings({ thanks: { keepSolvedOnThanks: false } });
    const id = await solvedTicket();
    assert.equal((await customerSays(id, '감사합니다! 해결됐어요')).statusCode, 201);
    assert.equal((await getTicket(id)).status, 'open');
    assert.deepEqual(await eventsOf(id, 'message.thanks_detected'), []);
    await settings({ thanks: { keepSolvedOnThanks: true } });

    const closed = await solvedTicket();
    const close = await t.call(t.ws.agent.token, 'PATCH', `/api/v1/tickets/${closed}`, { status: 'closed' });
    assert.equal(close.statusCode, 200, close.body);
    const res = await customerSays(closed, 'thanks, that fixed it');
    assert.equal(res.statusCode, 422, res.body);
    assert.equal(res.json().code, 'TICKET_CLOSED');
  });
});
