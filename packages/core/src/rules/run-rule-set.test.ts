import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ids, makeFacts, storedRule } from './facts.fixture.ts';
import type { RuleSetMode, StoredRule } from './rule-schema.ts';
import { compileRuleSet, type isRuleTriggeredBy, runRuleSet } from './run-rule-set.ts';

const leaf = (field: string, operator: string, value?: unknown) => ({
  field,
  operator,
  ...(value === undefined ? {} : { value }),
});
const always = { all: [] };

const raise = storedRule(
  {
    kind: 'update',
    conditions: { all: [leaf('requester.isVip', 'is', true)] },
    actions: [{ type: 'set_priority', priority: 'urgent' }],
  },
  'raise',
);
const onUrgent = storedRule(
  {
    kind: 'update',
    conditions: { all: [leaf('ticket.priority', 'is', 'urgent')] },
    actions: [{ type: 'add_tags', tags: ['escalated'] }],
  },
  'on-urgent',
);
const tagAll = storedRule(
  { kind: 'update', conditions: always, actions: [{ type: 'add_tags', tags: ['seen'] }] },
  'tag-all',
);

function run(mode: RuleSetMode, rules: StoredRule[], facts = makeFacts()) {
  return runRuleSet({ mode, rules }, facts);
}

describe('runRuleSet modes', () => {
  it('first_match stops at the first rule that fires', () => {
    const result = run('first_match', [onUrgent, raise, tagAll]);
    assert.deepEqual(
      result.fired.map((fired) => fired.ruleId),
      ['raise'],
    );
    assert.deepEqual(
      result.runs.map((entry) => [entry.ruleId, entry.outcome]),
      [
        ['on-urgent', 'not_matched'],
        ['raise', 'matched'],
      ],
    );
  });

  it('all_matches runs every rule, and later rules see earlier effects', () => {
    const result = run('all_matches', [raise, onUrgent, tagAll]);
    assert.deepEqual(
      result.fired.map((fired) => fired.ruleId),
      ['raise', 'on-urgent', 'tag-all'],
    );
    assert.deepEqual(result.facts.ticket.tags, ['billing', 'vip', 'escalated', 'seen']);
    assert.equal(result.facts.ticket.priority, 'urgent');
  });

  it('all_matches respects order: a rule before the change does not see it', () => {
    const result = run('all_matches', [onUrgent, raise]);
    assert.deepEqual(
      result.fired.map((fired) => fired.ruleId),
      ['raise'],
    );
  });

  it('keeps the triggering event as it was', () => {
    const watchPriority = storedRule(
      {
        kind: 'update',
        conditions: { all: [leaf('ticket.priority', 'changed')] },
        actions: [{ type: 'mark_spam' }],
      },
      'watch',
    );
    assert.deepEqual(
      run('all_matches', [raise, watchPriority]).fired.map((fired) => fired.ruleId),
      ['raise'],
    );
  });

  it('does not mutate the facts it was given', () => {
    const facts = makeFacts();
    const copy = structuredClone(facts);
    run('all_matches', [raise, onUrgent, tagAll], facts);
    assert.deepEqual(facts, copy);
  });
});

describe('which rules an event triggers', () => {
  const creation = storedRule(
    { kind: 'creation', conditions: always, actions: [{ type: 'mark_spam' }] },
    'creation',
  );
  const time = storedRule(
    {
      kind: 'time',
      conditions: { all: [leaf('ticket.hoursSinceCreated', 'greater_than', 1)] },
      actions: [{ type: 'mark_spam' }],
    },
    'time',
  );
  const onReply = storedRule(
    { kind: 'update', events: ['message.added'], conditions: always, actions: [{ type: 'mark_spam' }] },
    'on-reply',
  );
  const onAny = storedRule(
    { kind: 'update', conditions: always, actions: [{ type: 'mark_spam' }] },
    'on-any',
  );
  const disabled = storedRule(
    { kind: 'update', enabled: false, conditions: always, actions: [{ type: 'mark_spam' }] },
    'disabled',
  );
  const rules = [creation, time, onReply, onAny, disabled];
  const cases: [eventType: Parameters<typeof isRuleTriggeredBy>[1], fired: string[]][] = [
    ['ticket.created', ['creation']],
    ['ticket.time_elapsed', ['time']],
    ['message.added', ['on-reply', 'on-any']],
    ['ticket.updated', ['on-any']],
    ['sla.breached', ['on-any']],
  ];
  for (const [type, fired] of cases) {
    it(`${type} → ${fired.join(', ')}`, () => {
      const result = run('all_matches', rules, makeFacts({ event: { type } }));
      assert.deepEqual(
        result.fired.map((entry) => entry.ruleId),
        fired,
      );
      assert.deepEqual(
        result.runs.map((entry) => entry.ruleId),
        fired,
        'rules not triggered leave no run',
      );
    });
  }
});

describe('failures are recorded, never read as "did not match"', () => {
  const broken = {
    ...tagAll,
    id: 'broken',
    conditions: { all: [leaf('ticket.colour', 'is', 'red')] },
  } as StoredRule;

  it('reports the failing rule and runs the others', () => {
    const result = run('first_match', [broken, raise]);
    assert.deepEqual(
      result.runs.map(({ ruleId, outcome }) => [ruleId, outcome]),
      [
        ['broken', 'failed'],
        ['raise', 'matched'],
      ],
    );
    assert.match(result.runs[0]?.error ?? '', /Unknown field 'ticket.colour'/);
  });

  it('reuses a compiled set, broken rules included', () => {
    const compiled = compileRuleSet({ mode: 'all_matches', rules: [broken, tagAll] });
    const first = runRuleSet(compiled, makeFacts());
    assert.deepEqual(runRuleSet(compiled, makeFacts()), first);
    assert.deepEqual(
      first.runs.map((entry) => entry.outcome),
      ['failed', 'matched'],
    );
  });
});

describe('skips', () => {
  it('skips rules already fired in the cascade, and own changes', () => {
    const facts = makeFacts({ performer: { type: 'rule', ruleId: 'tag-all', userId: null, role: null } });
    const result = runRuleSet({ mode: 'all_matches', rules: [raise, onUrgent, tagAll] }, facts, {
      skipRuleIds: ['raise'],
    });
    assert.deepEqual(
      result.runs.map(({ ruleId, outcome, skipReason }) => [ruleId, outcome, skipReason]),
      [
        ['raise', 'skipped', 'fired_earlier_in_cascade'],
        ['on-urgent', 'not_matched', undefined],
        ['tag-all', 'skipped', 'own_change'],
      ],
    );
  });

  it('lets a rule see its own changes when configured to', () => {
    const selfAware = storedRule(
      {
        kind: 'update',
        ignoreOwnChanges: false,
        conditions: always,
        actions: [{ type: 'set_team', teamId: ids.team }],
      },
      'self',
    );
    const facts = makeFacts({ performer: { type: 'rule', ruleId: 'self', userId: null, role: null } });
    assert.deepEqual(
      run('all_matches', [selfAware], facts).fired.map((entry) => entry.ruleId),
      ['self'],
    );
  });
});
