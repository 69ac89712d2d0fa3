import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ids, storedRule } from './facts.fixture.ts';
import { findRuleCycles } from './rule-cycles.ts';

const when = (field: string, operator: string, value?: unknown) => ({
  all: [{ field, operator, ...(value === undefined ? {} : { value }) }],
});
const update = (id: string, conditions: unknown, actions: unknown[], extra: Record<string, unknown> = {}) =>
  storedRule({ kind: 'update', conditions, actions, ...extra }, id);

// A sets priority to urgent when tag x is added; B adds tag x when priority changes.
const a = update('a', when('ticket.tags', 'changed_to', 'x'), [{ type: 'set_priority', priority: 'urgent' }]);
const b = update('b', when('ticket.priority', 'changed'), [{ type: 'add_tags', tags: ['x'] }]);

describe('findRuleCycles', () => {
  it('finds the two-rule loop from the brief, with its links', () => {
    assert.deepEqual(findRuleCycles([a, b]), [
      {
        ruleIds: ['a', 'b'],
        links: [
          { fromRuleId: 'a', toRuleId: 'b', field: 'priority' },
          { fromRuleId: 'b', toRuleId: 'a', field: 'tags' },
        ],
      },
    ]);
  });

  const cases: { name: string; rules: ReturnType<typeof update>[]; cycles: string[][] }[] = [
    { name: 'one direction only', rules: [a], cycles: [] },
    {
      name: 'a value the watcher cannot see',
      rules: [
        a,
        update('b2', when('ticket.priority', 'changed_to', 'low'), [{ type: 'add_tags', tags: ['x'] }]),
      ],
      cycles: [],
    },
    {
      name: 'a different tag',
      rules: [a, update('b3', when('ticket.priority', 'changed'), [{ type: 'add_tags', tags: ['y'] }])],
      cycles: [],
    },
    {
      name: 'removing the tag does not add it',
      rules: [a, update('b4', when('ticket.priority', 'changed'), [{ type: 'remove_tags', tags: ['x'] }])],
      cycles: [],
    },
    {
      name: 'changed_from on tags watches removals',
      rules: [
        update('c1', when('ticket.tags', 'changed_from', 'x'), [{ type: 'set_status', status: 'pending' }]),
        update('c2', when('ticket.status', 'changed_to', 'pending'), [{ type: 'remove_tags', tags: ['x'] }]),
      ],
      cycles: [['c1', 'c2']],
    },
    {
      name: 'assign by strategy can set any assignee',
      rules: [
        update('d1', when('ticket.assigneeId', 'changed_to', ids.agent), [
          { type: 'set_team', teamId: ids.team },
        ]),
        update('d2', when('ticket.teamId', 'changed'), [
          { type: 'assign_by_strategy', strategy: 'round_robin' },
        ]),
      ],
      cycles: [['d1', 'd2']],
    },
    {
      name: 'custom fields by key and through event.changedFields',
      rules: [
        update('e1', when('ticket.customFields.plan', 'changed_from', 'free'), [
          { type: 'set_priority', priority: 'high' },
        ]),
        update('e2', when('event.changedFields', 'contains', 'priority'), [
          { type: 'set_custom_field', key: 'plan', value: 'pro' },
        ]),
      ],
      cycles: [['e1', 'e2']],
    },
    {
      name: 'a three-rule ring',
      rules: [
        update('f1', when('ticket.status', 'changed'), [{ type: 'set_priority', priority: 'high' }]),
        update('f2', when('ticket.priority', 'changed'), [{ type: 'add_tags', tags: ['hot'] }]),
        update('f3', when('ticket.tags', 'changed_to', 'hot'), [{ type: 'set_status', status: 'open' }]),
      ],
      cycles: [['f1', 'f2', 'f3']],
    },
    { name: 'a disabled rule breaks the loop', rules: [a, { ...b, enabled: false }], cycles: [] },
    {
      name: 'a watcher not triggered by ticket.updated',
      rules: [
        a,
        update('b5', when('ticket.priority', 'changed'), [{ type: 'add_tags', tags: ['x'] }], {
          events: ['message.added'],
        }),
      ],
      cycles: [],
    },
    {
      name: 'creation rules cannot be re-triggered',
      rules: [
        a,
        storedRule(
          { kind: 'creation', conditions: { all: [] }, actions: [{ type: 'add_tags', tags: ['x'] }] },
          'g',
        ),
      ],
      cycles: [],
    },
    {
      name: 'a rule watching its own writes is not a cycle',
      rules: [update('h', when('ticket.priority', 'changed'), [{ type: 'set_priority', priority: 'high' }])],
      cycles: [],
    },
  ];
  for (const { name, rules, cycles } of cases) {
    it(name, () =>
      assert.deepEqual(
        findRuleCycles(rules).map((cycle) => cycle.ruleIds),
        cycles,
      ),
    );
  }
});
