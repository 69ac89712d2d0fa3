import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildDemoContent, type DemoContent, type DemoTicket } from './demo-content.ts';

const DAY_MS = 86_400_000;
const now = new Date('2025-03-15T09:00:00Z');
const content = buildDemoContent({ seed: 1, now });
/** The replay rules must hold for any seed, not just the one the demo ships with. */
const contentBySeed = [1, 2, 3, 20_250_315].map((seed) => buildDemoContent({ seed, now }));

function countBy<T>(items: readonly T[], keyOf: (item: T) => string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(keyOf(item), (counts.get(keyOf(item)) ?? 0) + 1);
  return counts;
}

function allText(ticket: DemoTicket): string {
  return [ticket.subject, ...ticket.messages.map((m) => m.text)].join('\n');
}

function assertTicketFollowsReplayRules(ticket: DemoTicket, demo: DemoContent): void {
  const where = `ticket "${ticket.subject}" (${ticket.status}, created ${ticket.createdAt.toISOString()})`;
  const agents = new Map(demo.agents.map((a) => [a.key, a]));
  const requester = demo.contacts.find((c) => c.key === ticket.requesterKey);
  assert.ok(requester, `${where}: unknown requester`);
  assert.equal(ticket.language, requester.language, `${where}: language differs from the requester's`);
  assert.ok(ticket.createdAt.getTime() <= now.getTime(), `${where}: created in the future`);
  assert.ok(ticket.createdAt.getTime() > now.getTime() - 90 * DAY_MS, `${where}: older than 90 days`);
  assert.ok(
    ticket.messages.length >= 1 && ticket.messages.length <= 6,
    `${where}: has ${ticket.messages.length} messages`,
  );

  const [first] = ticket.messages;
  assert.deepEqual(
    first?.author,
    { kind: 'contact', key: ticket.requesterKey },
    `${where}: first message not from requester`,
  );
  assert.equal(first?.visibility, 'public', `${where}: first message not public`);
  assert.equal(first?.at.getTime(), ticket.createdAt.getTime(), `${where}: first message not at createdAt`);
  let previousMs = ticket.createdAt.getTime();
  for (const message of ticket.messages) {
    assert.ok(message.at.getTime() >= previousMs, `${where}: messages out of order`);
    assert.ok(message.at.getTime() <= now.getTime(), `${where}: message after now`);
    previousMs = message.at.getTime();
    if (message.author.kind === 'contact') {
      assert.equal(message.author.key, ticket.requesterKey, `${where}: message from another contact`);
      assert.equal(message.visibility, 'public', `${where}: internal note by a contact`);
      continue;
    }
    const author = agents.get(message.author.key);
    assert.ok(author, `${where}: message by unknown agent ${message.author.key}`);
    if (message.visibility === 'public') {
      assert.notEqual(author.role, 'light_agent', `${where}: public reply by a light agent`);
      assert.equal(
        author.key,
        ticket.assigneeKey,
        `${where}: public reply by someone other than the assignee`,
      );
    }
  }

  const agentReplies = ticket.messages.filter((m) => m.author.kind === 'agent' && m.visibility === 'public');
  if (ticket.status === 'new') {
    assert.equal(ticket.assigneeKey, null, `${where}: new ticket with an assignee`);
    assert.ok(
      ticket.messages.every((m) => m.author.kind === 'contact'),
      `${where}: new ticket with agent messages`,
    );
  }
  if (ticket.status === 'solved' || ticket.status === 'closed') {
    assert.ok(agentReplies.length > 0, `${where}: solved without a public answer`);
  }
  if (ticket.status === 'pending') {
    const last = ticket.messages.at(-1);
    assert.equal(last?.author.kind, 'agent', `${where}: pending but the customer spoke last`);
    assert.equal(last?.visibility, 'public', `${where}: pending but ends on an internal note`);
  }
  if (ticket.assigneeKey !== null) {
    const assignee = agents.get(ticket.assigneeKey);
    assert.ok(assignee, `${where}: unknown assignee`);
    assert.notEqual(assignee.role, 'light_agent', `${where}: assigned to a light agent`);
    assert.ok(
      ticket.teamKey !== null && assignee.teamKeys.includes(ticket.teamKey),
      `${where}: assignee outside team`,
    );
  }
  assert.equal(ticket.tags.includes('outage'), ticket.priority === 'urgent', `${where}: urgent iff outage`);
  assert.equal(new Set(ticket.tags).size, ticket.tags.length, `${where}: duplicate tags`);
  for (const tag of ticket.tags) assert.match(tag, /^[\p{Ll}\p{Lo}0-9_]+$/u, `${where}: tag "${tag}"`);
  assert.doesNotMatch(allText(ticket), /\{\w+\}/, `${where}: unfilled slot`);
}

describe('buildDemoContent', () => {
  it('returns the same content for the same seed and now', () => {
    assert.deepEqual(buildDemoContent({ seed: 7, now }), buildDemoContent({ seed: 7, now }));
  });

  it('returns different tickets for a different seed', () => {
    const other = buildDemoContent({ seed: 8, now });
    assert.notDeepEqual(other.tickets, buildDemoContent({ seed: 7, now }).tickets);
  });

  it('leaves its arguments and its data tables untouched', () => {
    const frozenNow = new Date(now);
    const first = buildDemoContent({ seed: 5, now: frozenNow, ticketCount: 5 });
    first.agents[0]?.teamKeys.push('changed');
    assert.equal(frozenNow.getTime(), now.getTime());
    assert.deepEqual(buildDemoContent({ seed: 5, now, ticketCount: 5 }).agents[0]?.teamKeys, [
      'tier1',
      'technical',
    ]);
  });

  it('makes 500 tickets by default and honours ticketCount', () => {
    assert.equal(content.tickets.length, 500);
    assert.equal(buildDemoContent({ seed: 1, now, ticketCount: 37 }).tickets.length, 37);
    assert.equal(buildDemoContent({ seed: 1, now, ticketCount: 0 }).tickets.length, 0);
    assert.throws(() => buildDemoContent({ seed: 1, now, ticketCount: -1 }), RangeError);
  });

  it('keeps the same customers whatever the ticket count', () => {
    assert.deepEqual(buildDemoContent({ seed: 1, now, ticketCount: 3 }).contacts, content.contacts);
  });

  it('staffs the demo desk with an owner first, a few admins and one light agent', () => {
    assert.equal(content.workspace.slug, 'demo');
    assert.ok(content.teams.length >= 4 && content.teams.length <= 5);
    assert.ok(content.agents.length >= 10 && content.agents.length <= 14);
    assert.equal(content.agents[0]?.role, 'owner');
    assert.equal(content.agents[0]?.email, 'admin@switchboard.demo');
    const roles = countBy(content.agents, (a) => a.role);
    assert.equal(roles.get('owner'), 1);
    assert.ok((roles.get('admin') ?? 0) >= 1 && (roles.get('admin') ?? 0) <= 2);
    assert.equal(roles.get('light_agent'), 1);
    assert.deepEqual(new Set(content.agents.map((a) => a.status)), new Set(['online', 'away', 'offline']));
    for (const agent of content.agents) {
      assert.ok(agent.capacity >= 10 && agent.capacity <= 40, `${agent.key} capacity`);
      assert.match(agent.email, /^[a-z.]+@switchboard\.demo$/);
    }
  });

  it('has about 150 customers, 60% Korean, 8% VIP, half in an organisation', () => {
    const { contacts } = content;
    assert.equal(contacts.length, 150);
    assert.equal(content.organizations.length, 15);
    const share = (test: (c: DemoContent['contacts'][number]) => boolean) =>
      contacts.filter(test).length / 150;
    assert.equal(
      share((c) => c.language === 'ko'),
      0.6,
    );
    assert.equal(
      share((c) => c.isVip),
      0.08,
    );
    assert.ok(Math.abs(share((c) => c.organizationKey !== null) - 0.5) < 0.12);
    assert.ok(share((c) => c.emails.length === 2) > 0.05);
    assert.ok(share((c) => c.externalIds.length > 0) > 0.1);
    assert.ok(
      contacts.some((c) => c.timeZone === 'Asia/Seoul') && contacts.some((c) => c.timeZone !== 'Asia/Seoul'),
    );
    for (const contact of contacts) {
      for (const phone of contact.phones) assert.match(phone, /^\+[1-9]\d{7,14}$/, `${contact.key} phone`);
      for (const id of contact.externalIds) assert.match(id, /^shop-\d{5}$/);
      assert.match(String(contact.attributes.signupDate), /^\d{4}-\d{2}-\d{2}$/);
    }
  });

  it('keeps emails unique across contacts and across agents, and phones and external ids too', () => {
    for (const demo of contentBySeed) {
      const contactEmails = demo.contacts.flatMap((c) => c.emails);
      assert.equal(new Set(contactEmails).size, contactEmails.length);
      assert.equal(new Set(demo.agents.map((a) => a.email)).size, demo.agents.length);
      const phones = demo.contacts.flatMap((c) => c.phones);
      assert.equal(new Set(phones).size, phones.length);
      const externalIds = demo.contacts.flatMap((c) => c.externalIds);
      assert.equal(new Set(externalIds).size, externalIds.length);
    }
  });

  it('keeps every ticket consistent with the rules the seed writer replays', () => {
    for (const demo of contentBySeed) {
      for (const ticket of demo.tickets) assertTicketFollowsReplayRules(ticket, demo);
    }
  });

  it('lists tickets oldest first, denser in recent weeks', () => {
    const times = content.tickets.map((t) => t.createdAt.getTime());
    assert.deepEqual(
      times,
      [...times].sort((a, b) => a - b),
    );
    const inLastMonth = times.filter((t) => t > now.getTime() - 30 * DAY_MS).length;
    const inFirstMonth = times.filter((t) => t <= now.getTime() - 60 * DAY_MS).length;
    assert.ok(inLastMonth > 2 * inFirstMonth, `${inLastMonth} recent vs ${inFirstMonth} old`);
    assert.ok(inFirstMonth > 0);
  });

  it('deals statuses in the planned mix', () => {
    const statuses = countBy(content.tickets, (t) => t.status);
    assert.deepEqual(Object.fromEntries(statuses), {
      new: 50,
      open: 150,
      pending: 75,
      on_hold: 25,
      solved: 150,
      closed: 50,
    });
  });

  it('uses both languages and every channel, email most of all', () => {
    for (const demo of contentBySeed) {
      const koreanShare = demo.tickets.filter((t) => t.language === 'ko').length / demo.tickets.length;
      assert.ok(koreanShare > 0.52 && koreanShare < 0.68, `Korean share ${koreanShare}`);
    }
    const channels = countBy(content.tickets, (t) => t.channel);
    assert.deepEqual(new Set(channels.keys()), new Set(['email', 'chat', 'web', 'phone', 'api', 'social']));
    const [mostUsed] = [...channels].sort((a, b) => b[1] - a[1]);
    assert.equal(mostUsed?.[0], 'email');
  });

  it('spells 환불 요청 both with and without the space', () => {
    const texts = content.tickets.map(allText);
    assert.ok(texts.some((text) => text.includes('환불 요청')));
    assert.ok(texts.some((text) => text.includes('환불요청')));
  });

  it('gives outages urgent priority and VIP requesters higher priority on average', () => {
    const rank = { low: 0, normal: 1, high: 2, urgent: 3 };
    const vips = new Set(content.contacts.filter((c) => c.isVip).map((c) => c.key));
    const meanRank = (tickets: DemoTicket[]) =>
      tickets.reduce((sum, t) => sum + rank[t.priority], 0) / tickets.length;
    const calm = content.tickets.filter((t) => !t.tags.includes('outage'));
    assert.ok(
      meanRank(calm.filter((t) => vips.has(t.requesterKey))) >
        meanRank(calm.filter((t) => !vips.has(t.requesterKey))),
    );
    assert.ok(content.tickets.some((t) => t.priority === 'urgent'));
  });

  it('ends solved tickets with a thank-you now and then, and writes internal notes', () => {
    const texts = content.tickets.flatMap((t) => t.messages.map((m) => m.text));
    assert.ok(texts.includes('감사합니다! 해결됐어요'));
    assert.ok(texts.includes('Thanks, that fixed it'));
    assert.ok(content.tickets.some((t) => t.messages.some((m) => m.visibility === 'internal')));
    const lightAgent = content.agents.find((a) => a.role === 'light_agent');
    assert.ok(content.tickets.some((t) => t.messages.some((m) => m.author.key === lightAgent?.key)));
  });

  it('does not read as copy-paste', () => {
    const openings = new Set(content.tickets.map((t) => t.messages[0]?.text));
    assert.ok(openings.size > 400, `only ${openings.size} different first messages`);
  });

  it('only refers to keys that exist', () => {
    for (const demo of contentBySeed) {
      const teams = new Set(demo.teams.map((t) => t.key));
      const agents = new Set(demo.agents.map((a) => a.key));
      const organizations = new Set(demo.organizations.map((o) => o.key));
      const contacts = new Set(demo.contacts.map((c) => c.key));
      assert.equal(agents.size, demo.agents.length);
      assert.equal(contacts.size, demo.contacts.length);
      for (const agent of demo.agents) for (const key of agent.teamKeys) assert.ok(teams.has(key), key);
      for (const contact of demo.contacts) {
        assert.ok(contact.organizationKey === null || organizations.has(contact.organizationKey));
      }
      for (const ticket of demo.tickets) {
        assert.ok(contacts.has(ticket.requesterKey));
        assert.ok(ticket.assigneeKey === null || agents.has(ticket.assigneeKey));
        assert.ok(ticket.teamKey === null || teams.has(ticket.teamKey));
        for (const { author } of ticket.messages)
          assert.ok((author.kind === 'agent' ? agents : contacts).has(author.key));
      }
    }
  });

  it('fills custom fields only with defined keys and values valid for their type', () => {
    const fields = new Map(content.customFields.map((f) => [f.key, f]));
    assert.ok(fields.size >= 4 && fields.size <= 6);
    for (const demo of contentBySeed) {
      for (const ticket of demo.tickets) {
        for (const [key, value] of Object.entries(ticket.customFields)) {
          const field = fields.get(key);
          assert.ok(field, `undefined custom field ${key}`);
          if (value === null) continue;
          if (field.type === 'text') assert.equal(typeof value, 'string');
          if (field.type === 'number')
            assert.ok(typeof value === 'number' && Number.isFinite(value) && value > 0);
          if (field.type === 'checkbox') assert.equal(typeof value, 'boolean');
          if (field.type === 'date') assert.match(String(value), /^\d{4}-\d{2}-\d{2}$/);
          if (field.type === 'dropdown')
            assert.ok(
              field.options.some((o) => o.value === value),
              `${key}=${value}`,
            );
        }
        for (const field of fields.values()) {
          if (field.required)
            assert.notEqual(ticket.customFields[field.key] ?? null, null, `${field.key} missing`);
        }
      }
    }
  });
});
