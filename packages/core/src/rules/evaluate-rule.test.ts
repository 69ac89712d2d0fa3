import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { compileRule, evaluateRule } from './evaluate-rule.ts';
import { makeFacts, storedRule } from './facts.fixture.ts';

const leaf = (field: string, operator: string, value?: unknown) => ({
  field,
  operator,
  ...(value === undefined ? {} : { value }),
});
const isUrgent = leaf('ticket.priority', 'is', 'urgent');
const isHigh = leaf('ticket.priority', 'is', 'high');
const isVip = leaf('requester.isVip', 'is', true);
const isEmail = leaf('ticket.channel', 'is', 'email');
const isChat = leaf('ticket.channel', 'is', 'chat');

describe('nested all/any groups', () => {
  // The fixture ticket: priority high, VIP requester, email channel.
  const cases: { name: string; conditions: unknown; expected: boolean }[] = [
    { name: 'all of true leaves', conditions: { all: [isHigh, isVip] }, expected: true },
    { name: 'all with one false', conditions: { all: [isHigh, isChat] }, expected: false },
    { name: 'any with one true', conditions: { any: [isUrgent, isVip] }, expected: true },
    { name: 'any of false leaves', conditions: { any: [isUrgent, isChat] }, expected: false },
    {
      name: 'all containing a true any',
      conditions: { all: [isVip, { any: [isUrgent, isEmail] }] },
      expected: true,
    },
    {
      name: 'all containing a false any',
      conditions: { all: [isVip, { any: [isUrgent, isChat] }] },
      expected: false,
    },
    {
      name: 'any containing a true all',
      conditions: { any: [isUrgent, { all: [isHigh, isEmail] }] },
      expected: true,
    },
    {
      name: 'any containing a false all',
      conditions: { any: [isUrgent, { all: [isHigh, isChat] }] },
      expected: false,
    },
    {
      name: '(A and B) or (C and D), precedence kept',
      conditions: { any: [{ all: [isUrgent, isVip] }, { all: [isHigh, isEmail] }] },
      expected: true,
    },
    {
      name: 'A and (B or C) is not (A and B) or C',
      conditions: { all: [isChat, { any: [isUrgent, isVip] }] },
      expected: false,
    },
    {
      name: 'three levels',
      conditions: { all: [{ any: [{ all: [isHigh, isVip] }, isChat] }, isEmail] },
      expected: true,
    },
    { name: 'a single leaf at the root', conditions: isVip, expected: true },
    { name: 'empty top-level all: every ticket', conditions: { all: [] }, expected: true },
  ];
  for (const { name, conditions, expected } of cases) {
    it(`${name} → ${expected}`, () => {
      const rule = storedRule({ kind: 'update', conditions, actions: [{ type: 'mark_spam' }] });
      assert.equal(evaluateRule(rule, makeFacts()).matched, expected);
      assert.equal(compileRule(rule).test(makeFacts()), expected);
    });
  }
});

describe('evaluateRule', () => {
  const rule = storedRule({
    kind: 'update',
    conditions: { all: [isVip, { any: [isUrgent, isHigh, isChat] }] },
    actions: [
      { type: 'set_priority', priority: 'urgent' },
      { type: 'send_reply', body: 'Priority is now {{ticket.priority}}' },
    ],
  });

  it('plans effects in order, each seeing the facts the previous one left', () => {
    const result = evaluateRule(rule, makeFacts());
    assert.deepEqual(result.effects, [
      { type: 'set_priority', priority: 'urgent' },
      { type: 'send_reply', body: { text: 'Priority is now urgent' }, locale: 'en' },
    ]);
    assert.equal(result.facts.ticket.priority, 'urgent');
  });

  it('returns no effects and the same facts when not matched', () => {
    const facts = makeFacts({ requester: { isVip: false } });
    const result = evaluateRule(rule, facts);
    assert.deepEqual([result.matched, result.effects, result.facts], [false, [], facts]);
  });

  it('traces the leaves it evaluated, short-circuiting like the fast path', () => {
    const { trace } = evaluateRule(rule, makeFacts(), { trace: true });
    assert.deepEqual(trace, [
      {
        pointer: '/conditions/all/0',
        field: 'requester.isVip',
        operator: 'is',
        value: true,
        actual: true,
        result: true,
      },
      {
        pointer: '/conditions/all/1/any/0',
        field: 'ticket.priority',
        operator: 'is',
        value: 'urgent',
        actual: 'high',
        result: false,
      },
      {
        pointer: '/conditions/all/1/any/1',
        field: 'ticket.priority',
        operator: 'is',
        value: 'high',
        actual: 'high',
        result: true,
      },
    ]);
  });

  it('traces a change condition with the change it read', () => {
    const changed = storedRule({
      kind: 'update',
      conditions: { all: [leaf('ticket.status', 'changed_to', 'solved')] },
      actions: [{ type: 'mark_spam' }],
    });
    const facts = makeFacts({
      event: { type: 'ticket.updated', changes: { status: { from: 'open', to: 'solved' } } },
    });
    assert.deepEqual(evaluateRule(changed, facts, { trace: true }).trace?.[0]?.actual, {
      from: 'open',
      to: 'solved',
    });
  });

  it('is deterministic and leaves its inputs alone', () => {
    const facts = makeFacts();
    const copy = structuredClone(facts);
    const first = evaluateRule(rule, facts);
    assert.deepEqual(evaluateRule(rule, facts), first);
    assert.deepEqual(facts, copy);
  });

  it('refuses to compile a rule validation would have refused', () => {
    const bogus = { ...rule, conditions: { all: [leaf('ticket.colour', 'is', 'red')] } } as typeof rule;
    assert.throws(() => compileRule(bogus), /Unknown field 'ticket.colour' at \/conditions\/all\/0/);
  });
});
