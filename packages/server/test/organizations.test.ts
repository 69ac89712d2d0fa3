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

type Organization = { id: string; name: string; domains: string[]; attributes: Record<string, unknown> };

async function createOrganization(
  body: Record<string, unknown>,
  token = t.ws.agent.token,
): Promise<Organization> {
  const res = await t.call(token, 'POST', '/api/v1/organizations', body);
  assert.equal(res.statusCode, 201, res.body);
  return res.json();
}

async function eventsOf(subjectId: string): Promise<{ type: string; data: Record<string, unknown> }[]> {
  const res = await t.call(t.ws.admin.token, 'GET', `/api/v1/events?subjectId=${subjectId}`);
  assert.equal(res.statusCode, 200, res.body);
  return res.json().data;
}

async function createTicket(requester: Record<string, unknown>) {
  const res = await t.call(t.ws.agent.token, 'POST', '/api/v1/tickets', {
    subject: 'Invoice question',
    requester,
    message: { bodyText: 'Where is my invoice for March?' },
    channel: 'email',
  });
  assert.equal(res.statusCode, 201, res.body);
  return res.json();
}

describe('organisation CRUD', () => {
  test('create, read, list, update and delete, with events', async () => {
    const created = await t.call(t.ws.agent.token, 'POST', '/api/v1/organizations', {
      name: 'Acme Korea',
      domains: ['ACME.example', ' acme.example', 'shop.acme.example'],
      attributes: { tier: 'gold', seats: 40 },
    });
    assert.equal(created.statusCode, 201, created.body);
    const org = created.json();
    assert.equal(created.headers.location, `/api/v1/organizations/${org.id}`);
    assert.deepEqual(org.domains, ['acme.example', 'shop.acme.example']);
    assert.deepEqual(org.attributes, { tier: 'gold', seats: 40 });

    const read = await t.call(t.ws.lightAgent.token, 'GET', `/api/v1/organizations/${org.id}`);
    assert.deepEqual(read.json(), org);
    const listed = await t.call(t.ws.lightAgent.token, 'GET', '/api/v1/organizations?q=ACME%20kor');
    assert.deepEqual(
      listed.json().data.map((o: Organization) => o.id),
      [org.id],
    );
    const byDomain = await t.call(
      t.ws.lightAgent.token,
      'GET',
      '/api/v1/organizations?domain=Shop.Acme.example',
    );
    assert.deepEqual(
      byDomain.json().data.map((o: Organization) => o.id),
      [org.id],
    );

    const patched = await t.call(t.ws.agent.token, 'PATCH', `/api/v1/organizations/${org.id}`, {
      name: 'Acme Korea Ltd',
      domains: ['acme.example'],
      attributes: { seats: null, region: 'apac' },
    });
    assert.equal(patched.statusCode, 200, patched.body);
    assert.equal(patched.json().name, 'Acme Korea Ltd');
    assert.deepEqual(patched.json().domains, ['acme.example']);
    assert.deepEqual(patched.json().attributes, { tier: 'gold', region: 'apac' });

    const byAgent = await t.call(t.ws.agent.token, 'DELETE', `/api/v1/organizations/${org.id}`);
    assert.equal(byAgent.statusCode, 403);
    const deleted = await t.call(t.ws.admin.token, 'DELETE', `/api/v1/organizations/${org.id}`);
    assert.equal(deleted.statusCode, 204, deleted.body);
    const gone = await t.call(t.ws.agent.token, 'GET', `/api/v1/organizations/${org.id}`);
    assert.equal(gone.statusCode, 404);
    assert.equal(gone.json().code, 'ORGANIZATION_NOT_FOUND');

    const events = await eventsOf(org.id);
    assert.deepEqual(
      events.map((e) => e.type),
      ['organization.created', 'organization.updated', 'organization.deleted'],
    );
    assert.deepEqual(events[1]?.data.changes, {
      name: { from: 'Acme Korea', to: 'Acme Korea Ltd' },
      domains: { from: ['acme.example', 'shop.acme.example'], to: ['acme.example'] },
      attributes: { from: { tier: 'gold', seats: 40 }, to: { tier: 'gold', region: 'apac' } },
    });
  });

  test('a domain belongs to one organisation: 409 with a pointer, nothing changed', async () => {
    const first = await createOrganization({ name: 'Initech', domains: ['initech.example'] });
    const clash = await t.call(t.ws.agent.token, 'POST', '/api/v1/organizations', {
      name: 'Initech copy',
      domains: ['copy.example', 'INITECH.example'],
    });
    assert.equal(clash.statusCode, 409, clash.body);
    assert.equal(clash.json().code, 'ORGANIZATION_DOMAIN_TAKEN');
    assert.deepEqual(clash.json().errors, [
      { pointer: '/domains/1', message: `belongs to organisation ${first.id}` },
    ]);
    const copies = await t.call(t.ws.agent.token, 'GET', '/api/v1/organizations?q=initech%20copy');
    assert.deepEqual(copies.json().data, []);

    const second = await createOrganization({ name: 'Initrode', domains: ['initrode.example'] });
    const steal = await t.call(t.ws.agent.token, 'PATCH', `/api/v1/organizations/${second.id}`, {
      name: 'Initrode renamed',
      domains: ['initrode.example', 'initech.example'],
    });
    assert.equal(steal.statusCode, 409);
    const unchanged = (await t.call(t.ws.agent.token, 'GET', `/api/v1/organizations/${second.id}`)).json();
    assert.equal(unchanged.name, 'Initrode');
    assert.deepEqual(unchanged.domains, ['initrode.example']);

    // Released by the first, the domain can move.
    await t.call(t.ws.agent.token, 'PATCH', `/api/v1/organizations/${first.id}`, { domains: [] });
    const moved = await t.call(t.ws.agent.token, 'PATCH', `/api/v1/organizations/${second.id}`, {
      domains: ['initrode.example', 'initech.example'],
    });
    assert.equal(moved.statusCode, 200, moved.body);
  });

  test('invalid domains and unknown fields answer 422', async () => {
    const bad = await t.call(t.ws.agent.token, 'POST', '/api/v1/organizations', {
      name: 'Bad',
      domains: ['ok.example', 'not a domain', 'localhost'],
    });
    assert.equal(bad.statusCode, 422);
    assert.deepEqual(
      bad.json().errors.map((e: { pointer: string }) => e.pointer),
      ['/domains/1', '/domains/2'],
    );
    const unknown = await t.call(t.ws.agent.token, 'POST', '/api/v1/organizations', {
      name: 'Bad',
      website: 'x',
    });
    assert.equal(unknown.statusCode, 422);
  });

  test('paging by 7 through 30 organisations returns each exactly once', async () => {
    const created = new Set<string>();
    for (let i = 0; i < 30; i++) created.add((await createOrganization({ name: `Pageco ${i % 3}` })).id);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const url: string = `/api/v1/organizations?q=pageco&limit=7${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
      const res = await t.call(t.ws.lightAgent.token, 'GET', url);
      assert.equal(res.statusCode, 200, res.body);
      seen.push(...res.json().data.map((o: Organization) => o.id));
      cursor = res.json().nextCursor;
    } while (cursor);
    assert.equal(seen.length, 30);
    assert.deepEqual(new Set(seen), created);
  });
});

describe('organisation members', () => {
  test('a new customer writing from an organisation domain joins it', async () => {
    const org = await createOrganization({ name: 'Globex', domains: ['globex.example'] });
    const ticket = await createTicket({ email: 'Homer@GLOBEX.example', name: 'Homer' });
    assert.equal(ticket.organizationId, org.id);
    const contact = (await t.call(t.ws.agent.token, 'GET', `/api/v1/contacts/${ticket.requesterId}`)).json();
    assert.equal(contact.organizationId, org.id);

    const members = await t.call(t.ws.lightAgent.token, 'GET', `/api/v1/organizations/${org.id}/contacts`);
    assert.equal(members.statusCode, 200, members.body);
    assert.deepEqual(
      members.json().data.map((c: { id: string }) => c.id),
      [contact.id],
    );
    const tickets = await t.call(t.ws.lightAgent.token, 'GET', `/api/v1/organizations/${org.id}/tickets`);
    assert.deepEqual(
      tickets.json().data.map((x: { id: string }) => x.id),
      [ticket.id],
    );

    const stranger = await createTicket({ email: 'someone@elsewhere.example' });
    assert.equal(stranger.organizationId, null);
  });

  test('deleting an organisation detaches its contacts and tickets in the same transaction', async () => {
    const org = await createOrganization({ name: 'Umbrella', domains: ['umbrella.example'] });
    const member = await t.call(t.ws.agent.token, 'POST', '/api/v1/contacts', {
      name: 'Alice Umbrella',
      emails: ['alice@umbrella.example'],
      organizationId: org.id,
    });
    assert.equal(member.statusCode, 201, member.body);
    const ticket = await createTicket({ email: 'alice@umbrella.example' });
    assert.equal(ticket.organizationId, org.id);

    const res = await t.call(t.ws.admin.token, 'DELETE', `/api/v1/organizations/${org.id}`);
    assert.equal(res.statusCode, 204, res.body);
    const contact = (await t.call(t.ws.agent.token, 'GET', `/api/v1/contacts/${member.json().id}`)).json();
    assert.equal(contact.organizationId, null);
    const detached = (await t.call(t.ws.agent.token, 'GET', `/api/v1/tickets/${ticket.id}`)).json();
    assert.equal(detached.organizationId, null);
    assert.equal(detached.version, 2);
    const deletedEvent = (await eventsOf(org.id)).at(-1);
    assert.equal(deletedEvent?.type, 'organization.deleted');
    assert.equal(deletedEvent?.data.detachedContacts, 1);
    assert.equal(deletedEvent?.data.detachedTickets, 1);

    const newcomer = await createTicket({ email: 'bob@umbrella.example' });
    assert.equal(newcomer.organizationId, null);
  });
});

describe('organisation permissions and isolation', () => {
  test('light agents read, agents write, admins delete', async () => {
    const create = await t.call(t.ws.lightAgent.token, 'POST', '/api/v1/organizations', { name: 'Nope' });
    assert.equal(create.statusCode, 403);
    const org = await createOrganization({ name: 'Roles Inc' });
    const patch = await t.call(t.ws.lightAgent.token, 'PATCH', `/api/v1/organizations/${org.id}`, {
      name: 'x',
    });
    assert.equal(patch.statusCode, 403);
    assert.equal(
      (await t.call(t.ws.lightAgent.token, 'GET', `/api/v1/organizations/${org.id}`)).statusCode,
      200,
    );
  });

  test("another workspace cannot see, change or delete this workspace's organisation", async () => {
    const other = await t.addWorkspace('orgs-other');
    const org = await createOrganization({ name: 'Hooli', domains: ['hooli.example'] });
    const attempts = [
      await t.call(other.agent.token, 'GET', `/api/v1/organizations/${org.id}`),
      await t.call(other.agent.token, 'PATCH', `/api/v1/organizations/${org.id}`, { name: 'Stolen' }),
      await t.call(other.admin.token, 'DELETE', `/api/v1/organizations/${org.id}`),
      await t.call(other.agent.token, 'GET', `/api/v1/organizations/${org.id}/contacts`),
      await t.call(other.agent.token, 'GET', `/api/v1/organizations/${org.id}/tickets`),
    ];
    for (const res of attempts) {
      assert.equal(res.statusCode, 404, res.body);
      assert.equal(res.json().code, 'ORGANIZATION_NOT_FOUND');
    }
    const useForeign = await t.call(other.agent.token, 'POST', '/api/v1/contacts', {
      name: 'Sneaky',
      organizationId: org.id,
    });
    assert.equal(useForeign.statusCode, 422);
    // Domains are unique per workspace only.
    const theirs = await t.call(other.agent.token, 'POST', '/api/v1/organizations', {
      name: 'Their Hooli',
      domains: ['hooli.example'],
    });
    assert.equal(theirs.statusCode, 201, theirs.body);
    assert.equal(
      (await t.call(t.ws.agent.token, 'GET', `/api/v1/organizations/${org.id}`)).json().name,
      'Hooli',
    );
  });
});
