import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createTestContext, type TestContext } from './support/test-app.ts';

let t: TestContext;
before(async () => {
  t = await createTestContext();
});
after(async () => {
  await t?.close();
});

const url = '/api/v1/canned-responses';
type Item = { id: string; name: string; shortcut: string | null; visibility: string; ownerId: string | null };

async function create(token: string, body: Record<string, unknown>) {
  return t.call(token, 'POST', url, body);
}

async function namesSeenBy(token: string, q?: string): Promise<string[]> {
  const res = await t.call(token, 'GET', q ? `${url}?q=${encodeURIComponent(q)}` : url);
  assert.equal(res.statusCode, 200, res.body);
  return res.json().data.map((item: Item) => item.name);
}

async function ticketFor(requester: Record<string, unknown>): Promise<{ id: string; number: number }> {
  const res = await t.call(t.ws.agent.token, 'POST', '/api/v1/tickets', {
    subject: 'Order question',
    requester,
    message: { bodyText: 'Where is my order?' },
  });
  assert.equal(res.statusCode, 201, res.body);
  return res.json();
}

describe('canned responses', () => {
  test('shared ones are for admins to write, personal ones stay with their owner', async () => {
    const shared = await create(t.ws.admin.token, {
      name: 'Refund policy',
      shortcut: '/refund',
      bodies: { ko: '환불은 7일 이내에 가능합니다.', en: 'Refunds are possible within 7 days.' },
      visibility: 'shared',
    });
    assert.equal(shared.statusCode, 201, shared.body);
    assert.equal(shared.json().shortcut, 'refund');
    assert.equal(shared.json().ownerId, null);
    const mine = await create(t.ws.agent.token, {
      name: 'My greeting',
      bodies: 'Hi {{requester.firstName}}!',
    });
    assert.equal(mine.statusCode, 201, mine.body);
    assert.deepEqual([mine.json().visibility, mine.json().ownerId], ['personal', t.ws.agent.id]);
    const adminsOwn = await create(t.ws.admin.token, { name: 'Admin draft', bodies: 'draft' });
    assert.equal(adminsOwn.statusCode, 201);

    assert.deepEqual(await namesSeenBy(t.ws.agent.token), ['My greeting', 'Refund policy']);
    assert.deepEqual(await namesSeenBy(t.ws.admin.token), ['Admin draft', 'Refund policy']);
    assert.deepEqual(await namesSeenBy(t.ws.lightAgent.token), ['Refund policy']);
    assert.deepEqual(await namesSeenBy(t.ws.agent.token, 'REF'), ['Refund policy']);
    assert.deepEqual(await namesSeenBy(t.ws.agent.token, 'greet'), ['My greeting']);
    assert.deepEqual(await namesSeenBy(t.ws.agent.token, '%'), []);

    const agentShares = await create(t.ws.agent.token, { name: 'x', bodies: 'x', visibility: 'shared' });
    assert.equal(agentShares.statusCode, 403);
    assert.equal(agentShares.json().code, 'AUTH_FORBIDDEN');
    const agentEdits = await t.call(t.ws.agent.token, 'PATCH', `${url}/${shared.json().id}`, {
      name: 'Mine now',
    });
    assert.equal(agentEdits.statusCode, 403);
    const agentDeletes = await t.call(t.ws.agent.token, 'DELETE', `${url}/${shared.json().id}`);
    assert.equal(agentDeletes.statusCode, 403);
    const lightCreates = await create(t.ws.lightAgent.token, { name: 'x', bodies: 'x' });
    assert.equal(lightCreates.statusCode, 403);
    const adminEdits = await t.call(t.ws.admin.token, 'PATCH', `${url}/${shared.json().id}`, {
      name: 'Refund policy (2025)',
    });
    assert.equal(adminEdits.statusCode, 200, adminEdits.body);
    assert.equal(adminEdits.json().name, 'Refund policy (2025)');

    for (const [token, id] of [
      [t.ws.admin.token, mine.json().id],
      [t.ws.agent.token, adminsOwn.json().id],
    ]) {
      assert.equal((await t.call(token, 'GET', `${url}/${id}`)).statusCode, 404);
      const patched = await t.call(token, 'PATCH', `${url}/${id}`, { name: 'stolen' });
      assert.equal(patched.json().code, 'CANNED_RESPONSE_NOT_FOUND');
    }

    const edited = await t.call(t.ws.agent.token, 'PATCH', `${url}/${mine.json().id}`, { shortcut: 'hi' });
    assert.equal(edited.statusCode, 200, edited.body);
    const deleted = await t.call(t.ws.agent.token, 'DELETE', `${url}/${mine.json().id}`);
    assert.equal(deleted.statusCode, 204);
    assert.equal((await t.call(t.ws.agent.token, 'GET', `${url}/${mine.json().id}`)).statusCode, 404);

    const events = await t.database.db
      .selectFrom('events')
      .select(['type', 'user_id', 'data'])
      .where('subject_id', '=', mine.json().id)
      .orderBy('id')
      .execute();
    assert.deepEqual(
      events.map((e) => [e.type, e.user_id]),
      [
        ['canned_response.created', t.ws.agent.id],
        ['canned_response.updated', t.ws.agent.id],
        ['canned_response.deleted', t.ws.agent.id],
      ],
    );
    assert.deepEqual((events[1]?.data as { changes: unknown } | undefined)?.changes, {
      shortcut: { from: null, to: 'hi' },
    });
  });

  test('a shortcut is unique among the responses its audience sees', async () => {
    const first = await create(t.ws.admin.token, {
      name: 'Shipping',
      shortcut: 'ship',
      bodies: 'Ships in 2 days.',
      visibility: 'shared',
    });
    assert.equal(first.statusCode, 201);
    const clash = await create(t.ws.agent.token, { name: 'My shipping', shortcut: '/SHIP', bodies: 'x' });
    assert.equal(clash.statusCode, 422);
    assert.deepEqual(clash.json().errors, [
      { pointer: '/shortcut', message: "'/SHIP' is already the shortcut of 'Shipping'." },
    ]);
    // Personal responses of different agents never meet, so they may share a shortcut.
    assert.equal(
      (await create(t.ws.agent.token, { name: 'a', shortcut: 'same', bodies: 'a' })).statusCode,
      201,
    );
    assert.equal(
      (await create(t.ws.admin.token, { name: 'b', shortcut: 'same', bodies: 'b' })).statusCode,
      201,
    );
    const spaced = await create(t.ws.agent.token, { name: 'c', shortcut: 'two words', bodies: 'c' });
    assert.equal(spaced.statusCode, 422);
    assert.equal(spaced.json().errors[0].pointer, '/shortcut');
  });

  test('unknown placeholders are refused with a pointer to the variant', async () => {
    const res = await create(t.ws.agent.token, {
      name: 'Typo',
      bodies: { ko: '티켓 {{ticket.nubmer}}', en: 'Ticket {{ticket.number}} {{ticket.customFields.nope}}' },
    });
    assert.equal(res.statusCode, 422);
    assert.deepEqual(res.json().errors, [
      { pointer: '/bodies/ko', message: "Unknown placeholder '{{ticket.nubmer}}'." },
      { pointer: '/bodies/en', message: "Unknown custom field 'nope' in '{{ticket.customFields.nope}}'." },
    ]);
    const plain = await create(t.ws.agent.token, { name: 'Typo', bodies: 'Hello {{requester.nmae}' });
    assert.equal(plain.statusCode, 422);
    assert.equal(plain.json().errors[0].pointer, '/bodies');
    const existing = (await create(t.ws.agent.token, { name: 'Fine', bodies: 'ok' })).json();
    const patched = await t.call(t.ws.agent.token, 'PATCH', `${url}/${existing.id}`, {
      bodies: '{{agent.nmae}}',
    });
    assert.equal(patched.statusCode, 422);
    assert.equal(patched.json().errors[0].pointer, '/bodies');
  });

  test('renders for a ticket in the requester language, escaping HTML', async () => {
    const response = (
      await create(t.ws.admin.token, {
        name: 'Order received',
        bodies: {
          ko: '{{requester.name}} 님, 문의 #{{ticket.number}} 접수되었습니다.',
          en: 'Hi {{requester.firstName}},\n\nwe got request #{{ticket.number}}.',
        },
        visibility: 'shared',
      })
    ).json();
    const korean = await ticketFor({ email: 'minsu@example.kr', name: '김민수', language: 'ko' });
    const english = await ticketFor({
      email: 'jane@example.com',
      name: 'Jane <b>Doe</b>',
      language: 'en-GB',
    });
    const french = await ticketFor({ email: 'luc@example.fr', name: 'Luc', language: 'fr' });

    const render = (ticketId: string, token = t.ws.lightAgent.token) =>
      t.call(token, 'POST', `${url}/${response.id}/render`, { ticketId });
    const ko = await render(korean.id);
    assert.equal(ko.statusCode, 200, ko.body);
    assert.deepEqual(ko.json(), {
      text: `김민수 님, 문의 #${korean.number} 접수되었습니다.`,
      html: `<p>김민수 님, 문의 #${korean.number} 접수되었습니다.</p>`,
      locale: 'ko',
    });
    const en = (await render(english.id)).json();
    assert.equal(en.text, `Hi Jane,\n\nwe got request #${english.number}.`);
    assert.equal(en.locale, 'en-GB');
    const fr = (await render(french.id)).json();
    assert.equal(fr.text, `Hi Luc,\n\nwe got request #${french.number}.`);

    const escaping = (
      await create(t.ws.agent.token, { name: 'Name', bodies: '<i>{{requester.name}}</i>' })
    ).json();
    const html = (
      await t.call(t.ws.agent.token, 'POST', `${url}/${escaping.id}/render`, { ticketId: english.id })
    ).json();
    assert.equal(html.text, '<i>Jane <b>Doe</b></i>');
    assert.equal(html.html, '<p>&lt;i&gt;Jane &lt;b&gt;Doe&lt;/b&gt;&lt;/i&gt;</p>');
  });

  test('another workspace sees none of it', async () => {
    const other = await t.addWorkspace('other-canned');
    const mine = (
      await create(t.ws.admin.token, { name: 'Ours', bodies: 'ours', visibility: 'shared', shortcut: 'ours' })
    ).json();
    const theirTicket = await t.call(other.agent.token, 'POST', '/api/v1/tickets', {
      subject: 'Theirs',
      requester: { email: 'x@other.test' },
      message: { bodyText: 'hello' },
    });
    assert.equal((await t.call(other.admin.token, 'GET', `${url}/${mine.id}`)).statusCode, 404);
    assert.equal((await t.call(other.admin.token, 'DELETE', `${url}/${mine.id}`)).statusCode, 404);
    assert.deepEqual(
      (await t.call(other.admin.token, 'GET', url)).json().data.map((i: Item) => i.name),
      [],
    );
    const crossRender = await t.call(t.ws.agent.token, 'POST', `${url}/${mine.id}/render`, {
      ticketId: theirTicket.json().id,
    });
    assert.equal(crossRender.statusCode, 404);
    assert.equal(crossRender.json().code, 'TICKET_NOT_FOUND');
    const sameShortcut = await create(other.admin.token, {
      name: 'Theirs',
      bodies: 'x',
      visibility: 'shared',
      shortcut: 'ours',
    });
    assert.equal(sameShortcut.statusCode, 201);
  });
});
