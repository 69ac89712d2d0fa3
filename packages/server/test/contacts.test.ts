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

type Contact = { id: string; name: string; emails: string[]; phones: string[]; [key: string]: unknown };

async function createContact(body: Record<string, unknown>, token = t.ws.agent.token): Promise<Contact> {
  const res = await t.call(token, 'POST', '/api/v1/contacts', body);
  assert.equal(res.statusCode, 201, res.body);
  return res.json();
}

async function eventsOf(subjectId: string): Promise<{ type: string; data: Record<string, unknown> }[]> {
  const res = await t.call(t.ws.admin.token, 'GET', `/api/v1/events?subjectId=${subjectId}`);
  assert.equal(res.statusCode, 200, res.body);
  return res.json().data;
}

async function listContacts(query: string): Promise<Contact[]> {
  const res = await t.call(t.ws.lightAgent.token, 'GET', `/api/v1/contacts?${query}`);
  assert.equal(res.statusCode, 200, res.body);
  return res.json().data;
}

async function createTicket(requester: Record<string, unknown>, extra: Record<string, unknown> = {}) {
  const res = await t.call(t.ws.agent.token, 'POST', '/api/v1/tickets', {
    subject: '배송 문의',
    requester,
    message: { bodyText: '주문한 상품이 아직 안 왔어요' },
    ...extra,
  });
  assert.equal(res.statusCode, 201, res.body);
  return res.json();
}

describe('contact CRUD', () => {
  test('create, read, update and delete a contact, with an event for each change', async () => {
    const created = await t.call(t.ws.agent.token, 'POST', '/api/v1/contacts', {
      name: 'Park Jiwoo',
      emails: ['Jiwoo.Park@Example.KR'],
      phones: ['+82 10-1234-5678'],
      externalIds: ['shop-991'],
      language: 'ko',
      timeZone: 'Asia/Seoul',
      isVip: true,
      attributes: { plan: 'pro', seats: 5, trial: false },
    });
    assert.equal(created.statusCode, 201, created.body);
    const contact = created.json();
    assert.equal(created.headers.location, `/api/v1/contacts/${contact.id}`);
    assert.deepEqual(contact.emails, ['jiwoo.park@example.kr']);
    assert.deepEqual(contact.phones, ['+821012345678']);
    assert.deepEqual(contact.externalIds, ['shop-991']);
    assert.equal(contact.timeZone, 'Asia/Seoul');
    assert.equal(contact.isVip, true);
    assert.equal(contact.organizationId, null);

    const read = await t.call(t.ws.lightAgent.token, 'GET', `/api/v1/contacts/${contact.id}`);
    assert.equal(read.statusCode, 200);
    assert.deepEqual(read.json(), contact);

    const patched = await t.call(t.ws.agent.token, 'PATCH', `/api/v1/contacts/${contact.id}`, {
      name: 'Park Ji-woo',
      emails: ['jiwoo@example.kr', 'JIWOO.PARK@example.kr'],
      attributes: { seats: 6, trial: null },
    });
    assert.equal(patched.statusCode, 200, patched.body);
    const updated = patched.json();
    assert.equal(updated.name, 'Park Ji-woo');
    assert.deepEqual(updated.emails, ['jiwoo.park@example.kr', 'jiwoo@example.kr']);
    assert.deepEqual(updated.phones, ['+821012345678'], 'identity kinds not given stay');
    assert.deepEqual(updated.attributes, { plan: 'pro', seats: 6 });
    assert.deepEqual(
      (await t.call(t.ws.agent.token, 'GET', `/api/v1/contacts/${contact.id}`)).json(),
      updated,
    );

    const same = await t.call(t.ws.agent.token, 'PATCH', `/api/v1/contacts/${contact.id}`, {
      name: 'Park Ji-woo',
      emails: ['jiwoo@example.kr', 'jiwoo.park@example.kr'],
    });
    assert.equal(same.statusCode, 200);

    const events = await eventsOf(contact.id);
    assert.deepEqual(
      events.map((e) => e.type),
      ['contact.created', 'contact.updated'],
      'a no-op update records nothing',
    );
    assert.deepEqual(events[1]?.data.changes, {
      name: { from: 'Park Jiwoo', to: 'Park Ji-woo' },
      attributes: { from: { plan: 'pro', seats: 5, trial: false }, to: { plan: 'pro', seats: 6 } },
      emails: { from: ['jiwoo.park@example.kr'], to: ['jiwoo.park@example.kr', 'jiwoo@example.kr'] },
    });

    const byAgent = await t.call(t.ws.agent.token, 'DELETE', `/api/v1/contacts/${contact.id}`);
    assert.equal(byAgent.statusCode, 403);
    const deleted = await t.call(t.ws.admin.token, 'DELETE', `/api/v1/contacts/${contact.id}`);
    assert.equal(deleted.statusCode, 204, deleted.body);
    const gone = await t.call(t.ws.agent.token, 'GET', `/api/v1/contacts/${contact.id}`);
    assert.equal(gone.statusCode, 404);
    assert.equal(gone.json().code, 'CONTACT_NOT_FOUND');
    assert.equal((await eventsOf(contact.id)).at(-1)?.type, 'contact.deleted');
    // Its identities went with it.
    const again = await createContact({ name: 'Jiwoo again', emails: ['jiwoo@example.kr'] });
    assert.deepEqual(again.emails, ['jiwoo@example.kr']);
  });

  test('identities are matched case-insensitively (emails) and by digits (phones)', async () => {
    const c = await createContact({
      name: 'Choi Seoyeon',
      emails: ['seoyeon.choi@example.com'],
      phones: ['(02) 555-0142'],
      externalIds: ['crm-7'],
    });
    const ids = (list: Contact[]) => list.map((x) => x.id);
    assert.deepEqual(ids(await listContacts('email=SEOYEON.CHOI%40Example.com')), [c.id]);
    assert.deepEqual(ids(await listContacts('phone=02-555-0142')), [c.id]);
    assert.deepEqual(ids(await listContacts('externalId=crm-7')), [c.id]);
    assert.deepEqual(ids(await listContacts('q=Seoyeon.Choi%40EXAMPLE.com')), [c.id]);
    assert.deepEqual(ids(await listContacts('q=02%20555%200142')), [c.id]);
    assert.deepEqual(ids(await listContacts('q=oi%20seo')), [c.id], 'name substring, any case');
    assert.deepEqual(await listContacts('email=nobody%40example.com'), []);
    // A new ticket from the same person in other spelling finds the contact, not a duplicate.
    const ticket = await createTicket({ email: 'Seoyeon.Choi@EXAMPLE.COM' });
    assert.equal(ticket.requesterId, c.id);
  });

  test('an identity owned by another contact answers 409 and changes nothing', async () => {
    const owner = await createContact({ name: 'Owner', emails: ['taken@example.com'] });
    const other = await createContact({ name: 'Other', phones: ['010-9999-0000'] });

    const create = await t.call(t.ws.agent.token, 'POST', '/api/v1/contacts', {
      name: 'Newcomer',
      emails: ['newcomer@example.com', 'TAKEN@example.com'],
    });
    assert.equal(create.statusCode, 409, create.body);
    const problem = create.json();
    assert.equal(problem.code, 'CONTACT_IDENTITY_TAKEN');
    assert.deepEqual(problem.errors, [{ pointer: '/emails/1', message: `belongs to contact ${owner.id}` }]);
    assert.deepEqual(problem.contactIds, [owner.id]);
    assert.deepEqual(await listContacts('email=newcomer%40example.com'), []);

    const update = await t.call(t.ws.agent.token, 'PATCH', `/api/v1/contacts/${other.id}`, {
      name: 'Renamed',
      emails: ['taken@example.com'],
    });
    assert.equal(update.statusCode, 409, update.body);
    assert.equal(update.json().errors[0].pointer, '/emails/0');
    const unchanged = (await t.call(t.ws.agent.token, 'GET', `/api/v1/contacts/${other.id}`)).json();
    assert.equal(unchanged.name, 'Other');
    assert.deepEqual(unchanged.emails, []);
    assert.deepEqual(unchanged.phones, ['01099990000']);
    assert.deepEqual(
      (await eventsOf(other.id)).map((e) => e.type),
      ['contact.created'],
    );
  });

  test('invalid time zone, unknown fields and unknown organisation answer 422 with pointers', async () => {
    const badZone = await t.call(t.ws.agent.token, 'POST', '/api/v1/contacts', {
      name: 'Zone',
      timeZone: 'Mars/Olympus_Mons',
    });
    assert.equal(badZone.statusCode, 422);
    assert.equal(badZone.json().code, 'VALIDATION_FAILED');
    assert.deepEqual(
      badZone.json().errors.map((e: { pointer: string }) => e.pointer),
      ['/timeZone'],
    );
    const c = await createContact({ name: 'Zone ok', timeZone: 'Europe/Berlin' });
    const patchZone = await t.call(t.ws.agent.token, 'PATCH', `/api/v1/contacts/${c.id}`, {
      timeZone: '+09:00',
    });
    assert.equal(patchZone.statusCode, 422);
    assert.equal(patchZone.json().errors[0].pointer, '/timeZone');

    const unknown = await t.call(t.ws.agent.token, 'POST', '/api/v1/contacts', { name: 'X', nickname: 'x' });
    assert.equal(unknown.statusCode, 422);
    const unknownPatch = await t.call(t.ws.agent.token, 'PATCH', `/api/v1/contacts/${c.id}`, { vip: true });
    assert.equal(unknownPatch.statusCode, 422);

    const noOrg = await t.call(t.ws.agent.token, 'POST', '/api/v1/contacts', {
      name: 'Orgless',
      organizationId: '01900000-0000-7000-8000-000000000000',
    });
    assert.equal(noOrg.statusCode, 422);
    assert.deepEqual(noOrg.json().errors, [{ pointer: '/organizationId', message: 'no such organisation' }]);
  });

  test('Idempotency-Key replays the first response instead of creating twice', async () => {
    const body = { name: 'Retry Kim', emails: ['retry@example.com'] };
    const headers = { 'idempotency-key': 'contact-retry-1' };
    const first = await t.call(t.ws.agent.token, 'POST', '/api/v1/contacts', body, headers);
    const second = await t.call(t.ws.agent.token, 'POST', '/api/v1/contacts', body, headers);
    assert.equal(first.statusCode, 201, first.body);
    assert.equal(second.statusCode, 201, second.body);
    assert.equal(second.headers['idempotency-replayed'], 'true');
    assert.equal(second.json().id, first.json().id);
    assert.equal((await listContacts('q=retry%20kim')).length, 1);
  });
});

describe('listing contacts', () => {
  test('paging by 7 through 30 contacts returns each exactly once, in name order', async () => {
    const created = new Set<string>();
    for (let i = 0; i < 30; i++) {
      // Repeated names (in different case) make the id tie-breaker matter.
      const name = `${i % 2 ? 'pager' : 'PAGER'} ${String(i % 4)}`;
      created.add((await createContact({ name })).id);
    }
    const seen: string[] = [];
    const names: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const query: string = `q=pager&limit=7${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
      const res = await t.call(t.ws.agent.token, 'GET', `/api/v1/contacts?${query}`);
      assert.equal(res.statusCode, 200, res.body);
      const page = res.json();
      seen.push(...page.data.map((c: Contact) => c.id));
      names.push(...page.data.map((c: Contact) => c.name.toLowerCase()));
      cursor = page.nextCursor;
      pages++;
    } while (cursor);
    assert.equal(pages, 5);
    assert.equal(seen.length, 30);
    assert.deepEqual(new Set(seen), created);
    assert.deepEqual(names, [...names].sort());

    const bad = await t.call(t.ws.agent.token, 'GET', '/api/v1/contacts?cursor=bm90LWEtY3Vyc29y');
    assert.equal(bad.statusCode, 422);
  });

  test('filters by organisation and VIP status', async () => {
    const org = await t.call(t.ws.agent.token, 'POST', '/api/v1/organizations', { name: 'Filter Org' });
    assert.equal(org.statusCode, 201, org.body);
    const orgId = org.json().id;
    const vip = await createContact({ name: 'Filter VIP', isVip: true, organizationId: orgId });
    const plain = await createContact({ name: 'Filter plain', organizationId: orgId });
    await createContact({ name: 'Filter outside' });
    const ids = async (q: string) => (await listContacts(q)).map((c) => c.id);
    assert.deepEqual(await ids(`organizationId=${orgId}`), [plain.id, vip.id]);
    assert.deepEqual(await ids(`organizationId=${orgId}&isVip=true`), [vip.id]);
    const notVip = await ids('q=filter&isVip=false');
    assert.ok(notVip.includes(plain.id) && !notVip.includes(vip.id));
  });
});

describe('contact permissions and isolation', () => {
  test('light agents read but cannot write', async () => {
    const c = await createContact({ name: 'Read only' });
    assert.equal((await t.call(t.ws.lightAgent.token, 'GET', `/api/v1/contacts/${c.id}`)).statusCode, 200);
    const create = await t.call(t.ws.lightAgent.token, 'POST', '/api/v1/contacts', { name: 'Nope' });
    assert.equal(create.statusCode, 403);
    assert.equal(create.json().code, 'AUTH_FORBIDDEN');
    const patch = await t.call(t.ws.lightAgent.token, 'PATCH', `/api/v1/contacts/${c.id}`, { name: 'Nope' });
    assert.equal(patch.statusCode, 403);
  });

  test("another workspace cannot read, change, merge or delete this workspace's contact", async () => {
    const other = await t.addWorkspace('contacts-other');
    const c = await createContact({ name: 'Private Lee', emails: ['private.lee@example.com'] });
    const target = await createContact({ name: 'Other target' }, other.agent.token);
    const attempts = [
      await t.call(other.agent.token, 'GET', `/api/v1/contacts/${c.id}`),
      await t.call(other.agent.token, 'PATCH', `/api/v1/contacts/${c.id}`, { name: 'Stolen' }),
      await t.call(other.admin.token, 'DELETE', `/api/v1/contacts/${c.id}`),
      await t.call(other.agent.token, 'GET', `/api/v1/contacts/${c.id}/tickets`),
      await t.call(other.agent.token, 'POST', `/api/v1/contacts/${c.id}/merge`, {
        targetContactId: target.id,
      }),
    ];
    for (const res of attempts) {
      assert.equal(res.statusCode, 404, res.body);
      assert.equal(res.json().code, 'CONTACT_NOT_FOUND');
    }
    const intoForeign = await t.call(t.ws.agent.token, 'POST', `/api/v1/contacts/${c.id}/merge`, {
      targetContactId: target.id,
    });
    assert.equal(intoForeign.statusCode, 422);
    const list = await t.call(other.agent.token, 'GET', '/api/v1/contacts?q=private');
    assert.deepEqual(list.json().data, []);
    // Identities are unique per workspace: the other workspace may know the same address.
    await createContact({ name: 'Their Lee', emails: ['private.lee@example.com'] }, other.agent.token);
    const mine = (await t.call(t.ws.agent.token, 'GET', `/api/v1/contacts/${c.id}`)).json();
    assert.equal(mine.name, 'Private Lee');
  });
});

describe('contact tickets and merging', () => {
  test('lists the tickets of every channel, newest first, and refuses to delete the contact', async () => {
    const c = await createContact({
      name: 'Multi Channel',
      emails: ['multi@example.com'],
      phones: ['010-2222-3333'],
    });
    const made = [];
    for (const [i, channel] of ['email', 'chat', 'phone', 'web'].entries()) {
      const requester =
        channel === 'phone'
          ? { phone: '01022223333' }
          : channel === 'email'
            ? { email: 'MULTI@example.com' }
            : { id: c.id };
      made.push(await createTicket(requester, { channel, createdAt: `2024-03-0${i + 1}T09:00:00Z` }));
    }
    assert.ok(made.every((ticket) => ticket.requesterId === c.id));
    const seen: { id: string; channel: string }[] = [];
    let cursor: string | null = null;
    do {
      const url: string = `/api/v1/contacts/${c.id}/tickets?limit=3${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
      const res = await t.call(t.ws.lightAgent.token, 'GET', url);
      assert.equal(res.statusCode, 200, res.body);
      seen.push(...res.json().data);
      cursor = res.json().nextCursor;
    } while (cursor);
    assert.deepEqual(
      seen.map((x) => x.id),
      made.map((x) => x.id).reverse(),
    );
    assert.deepEqual(
      seen.map((x) => x.channel),
      ['web', 'phone', 'chat', 'email'],
    );

    const del = await t.call(t.ws.admin.token, 'DELETE', `/api/v1/contacts/${c.id}`);
    assert.equal(del.statusCode, 409);
    assert.equal(del.json().code, 'CONTACT_HAS_TICKETS');
    assert.equal(del.json().ticketCount, 4);
    assert.equal((await t.call(t.ws.agent.token, 'GET', `/api/v1/contacts/${c.id}`)).statusCode, 200);
  });

  test('merging moves identities, tickets and messages to the target and deletes the source', async () => {
    const org = (
      await t.call(t.ws.agent.token, 'POST', '/api/v1/organizations', { name: 'Merge Org' })
    ).json();
    const source = await createContact({
      name: 'Dup Han',
      emails: ['han.personal@example.com'],
      phones: ['010-4444-5555'],
      language: 'ko',
      isVip: true,
      attributes: { source: 'chat', plan: 'free' },
    });
    const target = await createContact({
      name: 'Han Yuna',
      emails: ['han.work@example.com'],
      organizationId: org.id,
      attributes: { plan: 'pro' },
    });
    const s1 = await createTicket({ id: source.id }, { channel: 'email' });
    const s2 = await createTicket({ id: source.id }, { channel: 'chat' });
    const t1 = await createTicket({ id: target.id }, { channel: 'web' });
    assert.equal(s1.organizationId, null);

    const self = await t.call(t.ws.agent.token, 'POST', `/api/v1/contacts/${source.id}/merge`, {
      targetContactId: source.id,
    });
    assert.equal(self.statusCode, 422);
    assert.equal(self.json().errors[0].pointer, '/targetContactId');
    const byLight = await t.call(t.ws.lightAgent.token, 'POST', `/api/v1/contacts/${source.id}/merge`, {
      targetContactId: target.id,
    });
    assert.equal(byLight.statusCode, 403);

    const res = await t.call(t.ws.agent.token, 'POST', `/api/v1/contacts/${source.id}/merge`, {
      targetContactId: target.id,
    });
    assert.equal(res.statusCode, 200, res.body);
    const merged = res.json();
    assert.equal(merged.id, target.id);
    assert.equal(merged.name, 'Han Yuna');
    assert.deepEqual([...merged.emails].sort(), ['han.personal@example.com', 'han.work@example.com']);
    assert.deepEqual(merged.phones, ['01044445555']);
    assert.equal(merged.language, 'ko', 'gaps are filled from the source');
    assert.equal(merged.isVip, true);
    assert.deepEqual(merged.attributes, { source: 'chat', plan: 'pro' }, "the target's values win");
    assert.equal((await t.call(t.ws.agent.token, 'GET', `/api/v1/contacts/${source.id}`)).statusCode, 404);

    const tickets = (await t.call(t.ws.agent.token, 'GET', `/api/v1/contacts/${target.id}/tickets`)).json()
      .data;
    assert.deepEqual(tickets.map((x: { id: string }) => x.id).sort(), [s1.id, s2.id, t1.id].sort());
    for (const ticket of tickets) {
      assert.equal(ticket.requesterId, target.id);
      assert.equal(ticket.organizationId, org.id);
    }
    const movedTicket = (await t.call(t.ws.agent.token, 'GET', `/api/v1/tickets/${s1.id}`)).json();
    assert.equal(movedTicket.version, 2, 'a stale ETag of a moved ticket no longer matches');
    const messages = (await t.call(t.ws.agent.token, 'GET', `/api/v1/tickets/${s1.id}/messages`)).json().data;
    assert.equal(messages[0].authorId, target.id);

    // The source's address now leads to the target.
    const later = await createTicket({ email: 'han.personal@example.com' });
    assert.equal(later.requesterId, target.id);

    const sourceEvents = await eventsOf(source.id);
    assert.deepEqual(sourceEvents.at(-1)?.type, 'contact.merged');
    assert.equal(sourceEvents.at(-1)?.data.targetId, target.id);
    assert.equal(sourceEvents.at(-1)?.data.movedTickets, 2);
    const targetEvents = await eventsOf(target.id);
    assert.equal(targetEvents.at(-1)?.type, 'contact.merge_received');
    const ticketEvents = await eventsOf(s1.id);
    assert.deepEqual(ticketEvents.at(-1)?.data.changes, {
      requesterId: { from: source.id, to: target.id },
      organizationId: { from: null, to: org.id },
    });
  });
});
