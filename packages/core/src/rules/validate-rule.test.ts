import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { customFields, ids } from './facts.fixture.ts';
import { validateRule } from './validate-rule.ts';

const base = { name: 'R', kind: 'update', conditions: { all: [] }, actions: [{ type: 'mark_spam' }] };
const leaf = (field: string, operator: string, value?: unknown) => ({
  field,
  operator,
  ...(value === undefined ? {} : { value }),
});
/** `depth` groups, one inside the other, around one leaf; built in a loop so the test itself never recurses. */
function nest(depth: number): unknown {
  let condition: unknown = leaf('ticket.status', 'is', 'open');
  for (let level = 0; level < depth; level += 1) condition = { any: [condition] };
  return condition;
}

function pointersOf(input: Record<string, unknown>, knownIds = {}) {
  const result = validateRule({ ...base, ...input }, { customFields, knownIds });
  assert.equal(result.ok, false, 'expected the rule to be rejected');
  return result.ok ? [] : result.errors.map((error) => error.pointer);
}

describe('validateRule: errors point at the exact place', () => {
  const cases: { name: string; input: Record<string, unknown>; pointers: string[] }[] = [
    {
      name: 'unknown field',
      input: { conditions: { all: [leaf('ticket.colour', 'is', 'red')] } },
      pointers: ['/conditions/all/0/field'],
    },
    {
      name: 'operator invalid for the type',
      input: {
        conditions: { all: [leaf('ticket.status', 'is', 'open'), leaf('ticket.priority', 'contains', 'hi')] },
      },
      pointers: ['/conditions/all/1/operator'],
    },
    {
      name: 'unknown operator',
      input: { conditions: { all: [leaf('ticket.status', 'resembles', 'open')] } },
      pointers: ['/conditions/all/0/operator'],
    },
    {
      name: 'enum value not allowed',
      input: { conditions: { any: [leaf('ticket.priority', 'is', 'critical')] } },
      pointers: ['/conditions/any/0/value'],
    },
    {
      name: 'wrong value type',
      input: { conditions: { all: [leaf('ticket.hoursSinceCreated', 'greater_than', '24')] } },
      pointers: ['/conditions/all/0/value'],
    },
    {
      name: 'bad list item',
      input: { conditions: { all: [leaf('ticket.priority', 'in', ['high', 'nope'])] } },
      pointers: ['/conditions/all/0/value/1'],
    },
    {
      name: 'missing value',
      input: { conditions: { all: [leaf('ticket.subject', 'contains')] } },
      pointers: ['/conditions/all/0/value'],
    },
    {
      name: 'value on present',
      input: { conditions: { all: [leaf('ticket.subject', 'present', 'x')] } },
      pointers: ['/conditions/all/0/value'],
    },
    {
      name: 'invalid regex',
      input: { conditions: { all: [leaf('message.text', 'matches_regex', '(unclosed')] } },
      pointers: ['/conditions/all/0/value'],
    },
    {
      name: 'catastrophic regex',
      input: { conditions: { all: [leaf('message.text', 'matches_regex', '(a+)+$')] } },
      pointers: ['/conditions/all/0/value'],
    },
    {
      name: 'words without words',
      input: { conditions: { all: [leaf('message.text', 'matches_words', { words: [] })] } },
      pointers: ['/conditions/all/0/value/words'],
    },
    {
      name: 'empty nested group',
      input: { conditions: { all: [leaf('ticket.status', 'is', 'open'), { any: [] }] } },
      pointers: ['/conditions/all/1/any'],
    },
    { name: 'empty top-level any', input: { conditions: { any: [] } }, pointers: ['/conditions/any'] },
    {
      name: 'group with two joins',
      input: { conditions: { all: [], any: [] } },
      pointers: ['/conditions/any'],
    },
    {
      name: 'unknown key in a leaf',
      input: { conditions: { all: [{ ...leaf('ticket.status', 'is', 'open'), join: 'and' }] } },
      pointers: ['/conditions/all/0/join'],
    },
    {
      name: 'not a condition',
      input: { conditions: { all: ['ticket.status is open'] } },
      pointers: ['/conditions/all/0'],
    },
    {
      name: 'nested too deep',
      input: { conditions: nest(9) },
      pointers: [`/conditions${'/any/0'.repeat(8)}`],
    },
    {
      name: 'too many conditions',
      input: { conditions: { all: Array.from({ length: 201 }, () => leaf('ticket.status', 'is', 'open')) } },
      pointers: ['/conditions'],
    },
    {
      name: 'unknown custom field',
      input: { conditions: { all: [leaf('ticket.customFields.colour', 'is', 'x')] } },
      pointers: ['/conditions/all/0/field'],
    },
    {
      name: 'dropdown option not defined',
      input: { conditions: { all: [leaf('ticket.customFields.plan', 'is', 'gold')] } },
      pointers: ['/conditions/all/0/value'],
    },
    {
      name: 'date not a calendar date',
      input: { conditions: { all: [leaf('ticket.customFields.due', 'is', '2026-02-30')] } },
      pointers: ['/conditions/all/0/value'],
    },
    {
      name: 'change operator in a creation rule',
      input: { kind: 'creation', conditions: { all: [leaf('ticket.status', 'changed')] } },
      pointers: ['/conditions/all/0/operator'],
    },
    {
      name: 'message field in a time rule',
      input: {
        kind: 'time',
        conditions: {
          all: [leaf('ticket.hoursSinceCreated', 'greater_than', 1), leaf('message.text', 'contains', 'x')],
        },
      },
      pointers: ['/conditions/all/1/field'],
    },
    {
      name: 'events filter on a creation rule',
      input: { kind: 'creation', events: ['message.added'] },
      pointers: ['/events'],
    },
    {
      name: 'events filter naming ticket.created',
      input: { events: ['ticket.created'] },
      pointers: ['/events/0'],
    },
    {
      name: 'unknown action type',
      input: { actions: [{ type: 'mark_spam' }, { type: 'launch_rocket' }] },
      pointers: ['/actions/1/type'],
    },
    {
      name: 'action missing a field',
      input: { actions: [{ type: 'set_priority' }] },
      pointers: ['/actions/0/priority'],
    },
    {
      name: 'action with an extra key',
      input: { actions: [{ type: 'mark_spam', reason: 'x' }] },
      pointers: ['/actions/0'],
    },
    { name: 'no actions', input: { actions: [] }, pointers: ['/actions'] },
    { name: 'unknown top-level key', input: { priority: 1 }, pointers: [''] },
    { name: 'blank name', input: { name: '  ' }, pointers: ['/name'] },
    { name: 'missing conditions', input: { conditions: undefined }, pointers: ['/conditions'] },
    {
      name: 'everything at once',
      input: { name: '', conditions: { all: [leaf('nope', 'is', 1)] }, actions: [{ type: 'nope' }] },
      pointers: ['/name', '/conditions/all/0/field', '/actions/0/type'],
    },
  ];
  for (const { name, input, pointers } of cases) {
    it(name, () => assert.deepEqual(pointersOf(input), pointers));
  }

  it('checks ids against the known ids it is given', () => {
    const input = {
      conditions: { all: [leaf('ticket.teamId', 'in', [ids.team, ids.otherTeam])] },
      actions: [
        { type: 'set_assignee', assigneeId: ids.otherAgent },
        { type: 'apply_sla_policy', policyId: ids.policy },
      ],
    };
    const known = { teams: new Set([ids.team]), users: new Set([ids.agent]), slaPolicies: new Set<string>() };
    assert.deepEqual(pointersOf(input, known), [
      '/conditions/all/0/value/1',
      '/actions/0/assigneeId',
      '/actions/1/policyId',
    ]);
  });

  it('says why, in words', () => {
    const result = validateRule(
      { ...base, conditions: { all: [leaf('ticket.priority', 'contains', 'hi')] } },
      { customFields },
    );
    assert.equal(result.ok, false);
    if (!result.ok) {
      assert.match(
        result.errors[0]!.message,
        /does not apply to ticket\.priority \(enum\); use one of: is, is_not/,
      );
    }
  });
});

describe('validateRule: time rules need one anchor', () => {
  const time = (conditions: unknown) => ({ kind: 'time', conditions });
  const threshold = leaf('ticket.hoursSinceStatusChanged', 'greater_than', 48);
  const cases: { name: string; input: Record<string, unknown>; pointers: string[] }[] = [
    {
      name: 'none',
      input: time({ all: [leaf('ticket.status', 'is', 'pending')] }),
      pointers: ['/conditions'],
    },
    {
      name: 'less_than is no anchor',
      input: time({ all: [leaf('ticket.hoursSinceCreated', 'less_than', 5)] }),
      pointers: ['/conditions'],
    },
    {
      name: 'two',
      input: time({ all: [threshold, leaf('ticket.hoursSinceCreated', 'greater_than', 5)] }),
      pointers: ['/conditions/all/1'],
    },
    {
      name: 'inside an any group',
      input: time({ all: [{ any: [threshold, leaf('ticket.status', 'is', 'open')] }] }),
      pointers: ['/conditions/all/0/any/0'],
    },
    { name: 'under a top-level any', input: time({ any: [threshold] }), pointers: ['/conditions/any/0'] },
  ];
  for (const { name, input, pointers } of cases) {
    it(name, () => assert.deepEqual(pointersOf(input), pointers));
  }
});

describe('validateRule: the stored form', () => {
  it('fills defaults and normalises values', () => {
    const result = validateRule(
      {
        name: '  Tag VIP refunds ',
        kind: 'update',
        events: ['message.added', 'message.added'],
        conditions: {
          all: [
            leaf('ticket.tags', 'contains', ' VIP '),
            leaf('message.text', 'matches_words', { words: ['refund'] }),
          ],
        },
        actions: [{ type: 'add_tags', tags: ['Refund'] }],
      },
      { customFields },
    );
    assert.deepEqual(result, {
      ok: true,
      rule: {
        name: 'Tag VIP refunds',
        description: null,
        kind: 'update',
        enabled: true,
        events: ['message.added'],
        ignoreOwnChanges: true,
        conditions: {
          all: [
            leaf('ticket.tags', 'contains', 'vip'),
            leaf('message.text', 'matches_words', { words: ['refund'], match: 'any' }),
          ],
        },
        actions: [{ type: 'add_tags', tags: ['refund'] }],
      },
    });
  });

  it('accepts an empty top-level all (every ticket) and nesting at the limit', () => {
    assert.equal(validateRule({ ...base, kind: 'creation' }, { customFields }).ok, true);
    assert.equal(validateRule({ ...base, conditions: nest(8) }, { customFields }).ok, true);
  });

  it('refuses a hostile, deeply nested body without overflowing the stack', () => {
    assert.deepEqual(pointersOf({ conditions: nest(100_000) }).length, 1);
  });
});
