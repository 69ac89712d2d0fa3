/** Each action type: its schema (accepted and refused, with pointers), its plan and how its effect moves the facts. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { customFields, ids, makeFacts, nowMs } from '../facts.fixture.ts';
import {
  actionDefinitions,
  applyEffect,
  planAction,
  type RuleAction,
  ruleActionSchema,
  validateAction,
  writesOfAction,
} from './registry.ts';

const context = { customFields };
const facts = makeFacts({ ticket: { teamId: ids.team, updatedAtMs: nowMs - 1000 } });

function parse(input: unknown): RuleAction {
  const result = validateAction(input, '/actions/0', context);
  assert.deepEqual(result.errors, []);
  return result.action!;
}

function pointersOf(input: unknown, knownIds = {}): string[] {
  return validateAction(input, '/actions/0', { customFields, knownIds }).errors.map((error) => error.pointer);
}

type Case = {
  input: Record<string, unknown>;
  effect: unknown;
  ticket?: Record<string, unknown>;
  rejects: [input: Record<string, unknown>, pointers: string[]][];
};

const cases: Record<string, Case> = {
  set_status: {
    input: { type: 'set_status', status: 'solved' },
    effect: { type: 'set_status', status: 'solved' },
    ticket: { status: 'solved', statusChangedAtMs: nowMs, updatedAtMs: nowMs },
    rejects: [[{ type: 'set_status', status: 'new' }, ['/actions/0/status']]],
  },
  set_priority: {
    input: { type: 'set_priority', priority: 'urgent' },
    effect: { type: 'set_priority', priority: 'urgent' },
    ticket: { priority: 'urgent', updatedAtMs: nowMs },
    rejects: [[{ type: 'set_priority', priority: 'panic' }, ['/actions/0/priority']]],
  },
  set_type: {
    input: { type: 'set_type', ticketType: 'incident' },
    effect: { type: 'set_type', ticketType: 'incident' },
    ticket: { type: 'incident' },
    rejects: [[{ type: 'set_type', ticketType: 'bug' }, ['/actions/0/ticketType']]],
  },
  set_team: {
    input: { type: 'set_team', teamId: ids.otherTeam },
    effect: { type: 'set_team', teamId: ids.otherTeam },
    ticket: { teamId: ids.otherTeam },
    rejects: [[{ type: 'set_team', teamId: 'finance' }, ['/actions/0/teamId']]],
  },
  set_assignee: {
    input: { type: 'set_assignee', assigneeId: null },
    effect: { type: 'set_assignee', assigneeId: null },
    ticket: { assigneeId: null },
    rejects: [[{ type: 'set_assignee' }, ['/actions/0/assigneeId']]],
  },
  assign_by_strategy: {
    input: { type: 'assign_by_strategy', strategy: 'round_robin' },
    effect: { type: 'assign_by_strategy', strategy: 'round_robin', teamId: ids.team },
    rejects: [[{ type: 'assign_by_strategy', strategy: 'random' }, ['/actions/0/strategy']]],
  },
  add_tags: {
    input: { type: 'add_tags', tags: ['Refund', 'vip', 'refund'] },
    effect: { type: 'add_tags', tags: ['refund', 'vip'] },
    ticket: { tags: ['billing', 'vip', 'refund'] },
    rejects: [
      [{ type: 'add_tags', tags: [] }, ['/actions/0/tags']],
      [{ type: 'add_tags', tags: ['two words'] }, ['/actions/0/tags/0']],
    ],
  },
  remove_tags: {
    input: { type: 'remove_tags', tags: ['VIP'] },
    effect: { type: 'remove_tags', tags: ['vip'] },
    ticket: { tags: ['billing'] },
    rejects: [[{ type: 'remove_tags', tags: 'vip' }, ['/actions/0/tags']]],
  },
  set_custom_field: {
    input: { type: 'set_custom_field', key: 'plan', value: 'enterprise' },
    effect: { type: 'set_custom_field', key: 'plan', value: 'enterprise' },
    ticket: {
      customFields: { order_number: 'A-42', amount: 120, plan: 'enterprise', due: '2026-03-31', gift: false },
    },
    rejects: [
      [{ type: 'set_custom_field', key: 'plan', value: 'gold' }, ['/actions/0/value']],
      [{ type: 'set_custom_field', key: 'colour', value: 'red' }, ['/actions/0/key']],
      [{ type: 'set_custom_field', key: 'amount', value: '12' }, ['/actions/0/value']],
    ],
  },
  add_note: {
    input: {
      type: 'add_note',
      body: 'VIP {{requester.firstName}} asked about {{ticket.customFields.order_number}}',
    },
    effect: { type: 'add_note', body: { text: 'VIP Ada asked about A-42' }, locale: 'en' },
    rejects: [
      [{ type: 'add_note' }, ['/actions/0']],
      [{ type: 'add_note', body: 'x', cannedResponseId: ids.canned }, ['/actions/0']],
      [{ type: 'add_note', body: 'Hi {{ticket.colour}}' }, ['/actions/0/body']],
    ],
  },
  send_reply: {
    input: { type: 'send_reply', cannedResponseId: ids.canned },
    effect: { type: 'send_reply', body: { cannedResponseId: ids.canned }, locale: 'en' },
    rejects: [[{ type: 'send_reply', body: { ko: '안녕하세요 {{requester.nam}}' } }, ['/actions/0/body/ko']]],
  },
  notify: {
    input: {
      type: 'notify',
      target: 'team',
      subject: 'Ticket #{{ticket.number}} is urgent',
      body: { en: 'From {{requester.name}}', ko: '{{requester.name}} 님' },
    },
    effect: {
      type: 'notify',
      to: { kind: 'team', teamId: null },
      subject: 'Ticket #1042 is urgent',
      body: 'From Ada Lovelace',
      locale: 'en',
    },
    rejects: [
      [{ type: 'notify', target: 'agent', subject: 's', body: 'b' }, ['/actions/0/agentId']],
      [
        { type: 'notify', target: 'requester', teamId: ids.team, subject: 's', body: 'b' },
        ['/actions/0/teamId'],
      ],
      [{ type: 'notify', target: 'everyone', subject: 's', body: 'b' }, ['/actions/0/target']],
    ],
  },
  create_child_tickets: {
    input: {
      type: 'create_child_tickets',
      children: [
        {
          teamId: ids.team,
          subject: 'Refund #{{ticket.number}}',
          body: 'Order {{ticket.customFields.order_number}}',
        },
        { teamId: ids.otherTeam, subject: 'Ship back' },
      ],
    },
    effect: {
      type: 'create_child_tickets',
      children: [
        { teamId: ids.team, subject: 'Refund #1042', body: 'Order A-42' },
        { teamId: ids.otherTeam, subject: 'Ship back', body: null },
      ],
    },
    rejects: [
      [{ type: 'create_child_tickets', children: [] }, ['/actions/0/children']],
      [
        {
          type: 'create_child_tickets',
          children: Array.from({ length: 11 }, () => ({ teamId: ids.team, subject: 's' })),
        },
        ['/actions/0/children'],
      ],
      [
        { type: 'create_child_tickets', children: [{ teamId: ids.team, subject: '{{nope.x}}' }] },
        ['/actions/0/children/0/subject'],
      ],
    ],
  },
  apply_sla_policy: {
    input: { type: 'apply_sla_policy', policyId: ids.policy },
    effect: { type: 'apply_sla_policy', policyId: ids.policy },
    rejects: [[{ type: 'apply_sla_policy' }, ['/actions/0/policyId']]],
  },
  call_webhook: {
    input: { type: 'call_webhook', webhookId: ids.webhook },
    effect: { type: 'call_webhook', webhookId: ids.webhook },
    rejects: [[{ type: 'call_webhook', webhookId: 42 }, ['/actions/0/webhookId']]],
  },
  mark_spam: {
    input: { type: 'mark_spam' },
    effect: { type: 'mark_spam' },
    rejects: [[{ type: 'mark_spam', now: true }, ['/actions/0']]],
  },
};

describe('action registry', () => {
  it('has a test case for every action type, and each module is registered under its own type', () => {
    assert.deepEqual(Object.keys(cases).sort(), Object.keys(actionDefinitions).sort());
    for (const [key, definition] of Object.entries(actionDefinitions)) assert.equal(definition.type, key);
  });

  it('refuses unknown types with the list of known ones', () => {
    const [error] = validateAction({ type: 'delete_everything' }, '/actions/3', context).errors;
    assert.equal(error?.pointer, '/actions/3/type');
    assert.match(error?.message ?? '', /^Unknown action type "delete_everything"; use one of: set_status, /);
    assert.deepEqual(pointersOf('set_status'), ['/actions/0/type']);
  });

  it('exposes one schema accepting every valid action', () => {
    for (const { input } of Object.values(cases))
      assert.equal(ruleActionSchema.safeParse(input).success, true);
  });
});

for (const [type, { input, effect, ticket, rejects }] of Object.entries(cases)) {
  describe(type, () => {
    it('plans its effect', () => assert.deepEqual(planAction(parse(input), facts), effect));

    it('updates the facts later rules see, without mutating the input', () => {
      const before = structuredClone(facts);
      const after = applyEffect(planAction(parse(input), facts), facts);
      assert.deepEqual(facts, before);
      assert.deepEqual(after.ticket, {
        ...facts.ticket,
        ...(ticket ? { updatedAtMs: nowMs, ...ticket } : {}),
      });
    });

    for (const [bad, pointers] of rejects) {
      it(`refuses ${JSON.stringify(bad).slice(0, 90)}`, () => assert.deepEqual(pointersOf(bad), pointers));
    }
  });
}

describe('details', () => {
  it('checks referenced ids against known ids', () => {
    const known = {
      teams: new Set([ids.team]),
      users: new Set([ids.agent]),
      cannedResponses: new Set<string>(),
      webhooks: new Set<string>(),
    };
    assert.deepEqual(pointersOf({ type: 'set_team', teamId: ids.otherTeam }, known), ['/actions/0/teamId']);
    assert.deepEqual(
      pointersOf(
        { type: 'notify', target: 'agent', agentId: ids.otherAgent, subject: 's', body: 'b' },
        known,
      ),
      ['/actions/0/agentId'],
    );
    assert.deepEqual(pointersOf({ type: 'send_reply', cannedResponseId: ids.canned }, known), [
      '/actions/0/cannedResponseId',
    ]);
    assert.deepEqual(pointersOf({ type: 'call_webhook', webhookId: ids.webhook }, known), [
      '/actions/0/webhookId',
    ]);
    assert.deepEqual(pointersOf({ type: 'set_assignee', assigneeId: ids.agent }, known), []);
  });

  it('writes replies in the requester language and notes in the workspace language', () => {
    const korean = makeFacts({ requester: { language: 'ko', name: '김민수' }, workspaceLocale: 'en' });
    const body = { en: 'Hello {{requester.firstName}}', ko: '{{requester.firstName}} 님, 안녕하세요' };
    assert.deepEqual(planAction(parse({ type: 'send_reply', body }), korean), {
      type: 'send_reply',
      body: { text: '김민수 님, 안녕하세요' },
      locale: 'ko',
    });
    assert.deepEqual(planAction(parse({ type: 'add_note', body }), korean), {
      type: 'add_note',
      body: { text: 'Hello 김민수' },
      locale: 'en',
    });
  });

  it('notifies the requester in their language and an agent by id', () => {
    const korean = makeFacts({ requester: { language: 'ko-KR' } });
    const effect = planAction(
      parse({ type: 'notify', target: 'requester', subject: { en: 'Hi', ko: '안녕' }, body: 'b' }),
      korean,
    );
    assert.deepEqual(effect, {
      type: 'notify',
      to: { kind: 'requester' },
      subject: '안녕',
      body: 'b',
      locale: 'ko-KR',
    });
    const toAgent = planAction(
      parse({ type: 'notify', target: 'agent', agentId: ids.otherAgent, subject: 's', body: 'b' }),
      facts,
    );
    assert.deepEqual(toAgent.type === 'notify' && toAgent.to, { kind: 'agent', agentId: ids.otherAgent });
  });

  it('falls back to the parent subject when a child subject renders empty', () => {
    const effect = planAction(
      parse({
        type: 'create_child_tickets',
        children: [{ teamId: ids.team, subject: '{{organization.name}}' }],
      }),
      makeFacts({ organization: null }),
    );
    assert.deepEqual(
      effect.type === 'create_child_tickets' && effect.children[0]?.subject,
      'Refund request for order #42',
    );
  });

  it('forgets the assignee name when the assignee changes', () => {
    const after = applyEffect(
      planAction(parse({ type: 'set_assignee', assigneeId: ids.otherAgent }), facts),
      facts,
    );
    assert.equal(after.assignee, null);
  });

  it('declares the fields it writes', () => {
    assert.deepEqual(writesOfAction(parse({ type: 'add_tags', tags: ['x'] })), [
      { key: 'tags', added: ['x'] },
    ]);
    assert.deepEqual(
      writesOfAction(parse({ type: 'assign_by_strategy', strategy: 'load_balanced', teamId: ids.team })),
      [{ key: 'assigneeId' }, { key: 'teamId', to: ids.team }],
    );
    assert.deepEqual(writesOfAction(parse({ type: 'set_custom_field', key: 'gift', value: true })), [
      { key: 'customFields.gift', to: true },
    ]);
    assert.deepEqual(writesOfAction(parse({ type: 'call_webhook', webhookId: ids.webhook })), []);
  });
});
