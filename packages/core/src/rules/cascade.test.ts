import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  diffTicketFacts,
  maxCascadeDepth,
  runCascadeStep,
  simulateCascade,
  startCascade,
} from './cascade.ts';
import { ids, makeFacts, storedRule } from './facts.fixture.ts';
import type { RuleFacts } from './rule-facts.ts';

const whenTagAdded = (tag: string, id: string, actions: unknown[]) =>
  storedRule(
    {
      kind: 'update',
      conditions: { all: [{ field: 'ticket.tags', operator: 'changed_to', value: tag }] },
      actions,
    },
    id,
  );

function tagAddedBy(
  tag: string,
  performer: Partial<RuleFacts['performer']> = { type: 'agent', userId: ids.agent },
): RuleFacts {
  const facts = makeFacts({ ticket: { tags: [tag] }, performer });
  return {
    ...facts,
    event: { type: 'ticket.updated', changes: { tags: { from: [], to: [tag] } }, slaTarget: null },
  };
}

const firedIn = (steps: ReturnType<typeof simulateCascade>['steps']) =>
  steps.flatMap((step) => step.run.fired.map((entry) => entry.ruleId));

describe('simulateCascade', () => {
  it('lets a ping-pong pair fire once each, then stops', () => {
    const ping = whenTagAdded('ping', 'ping', [
      { type: 'remove_tags', tags: ['ping'] },
      { type: 'add_tags', tags: ['pong'] },
    ]);
    const pong = whenTagAdded('pong', 'pong', [
      { type: 'remove_tags', tags: ['pong'] },
      { type: 'add_tags', tags: ['ping'] },
    ]);
    const result = simulateCascade({
      ruleSet: { mode: 'all_matches', rules: [ping, pong] },
      facts: tagAddedBy('ping'),
    });
    assert.deepEqual(firedIn(result.steps), ['ping', 'pong']);
    assert.deepEqual(
      result.steps.map((step) => [step.depth, step.causedByRuleId]),
      [
        [0, null],
        [1, 'ping'],
        [2, 'pong'],
      ],
    );
    assert.deepEqual(
      result.steps[2]?.run.runs.map(({ ruleId, skipReason }) => [ruleId, skipReason]),
      [
        ['ping', 'fired_earlier_in_cascade'],
        ['pong', 'fired_earlier_in_cascade'],
      ],
    );
    assert.equal(result.halted, false);
    assert.deepEqual(result.facts.ticket.tags, ['ping']);
  });

  it('halts a chain longer than the depth bound', () => {
    const rules = Array.from({ length: 8 }, (_, index) =>
      whenTagAdded(`t${index}`, `r${index}`, [{ type: 'add_tags', tags: [`t${index + 1}`] }]),
    );
    const result = simulateCascade({ ruleSet: { mode: 'all_matches', rules }, facts: tagAddedBy('t0') });
    assert.equal(maxCascadeDepth, 5);
    assert.deepEqual(firedIn(result.steps), ['r0', 'r1', 'r2', 'r3', 'r4', 'r5']);
    assert.equal(result.halted, true);
    assert.deepEqual(result.facts.ticket.tags, ['t0', 't1', 't2', 't3', 't4', 't5', 't6']);
  });

  it('honours a smaller bound', () => {
    const rules = Array.from({ length: 3 }, (_, index) =>
      whenTagAdded(`t${index}`, `r${index}`, [{ type: 'add_tags', tags: [`t${index + 1}`] }]),
    );
    const result = simulateCascade({
      ruleSet: { mode: 'all_matches', rules },
      facts: tagAddedBy('t0'),
      maxDepth: 1,
    });
    assert.deepEqual(firedIn(result.steps), ['r0', 'r1']);
    assert.equal(result.halted, true);
  });

  it('creates no event for effects that change nothing', () => {
    const noop = whenTagAdded('x', 'noop', [{ type: 'add_tags', tags: ['x'] }]);
    const result = simulateCascade({
      ruleSet: { mode: 'all_matches', rules: [noop] },
      facts: tagAddedBy('x'),
    });
    assert.equal(result.steps.length, 1);
  });

  it('makes later events performed by the rule that caused them', () => {
    const a = whenTagAdded('a', 'a', [{ type: 'set_priority', priority: 'urgent' }]);
    const watcher = storedRule(
      {
        kind: 'update',
        conditions: {
          all: [
            { field: 'performer.type', operator: 'is', value: 'rule' },
            { field: 'ticket.priority', operator: 'changed_to', value: 'urgent' },
          ],
        },
        actions: [{ type: 'add_tags', tags: ['auto-escalated'] }],
      },
      'watcher',
    );
    const result = simulateCascade({
      ruleSet: { mode: 'all_matches', rules: [a, watcher] },
      facts: tagAddedBy('a'),
    });
    assert.deepEqual(firedIn(result.steps), ['a', 'watcher']);
    assert.deepEqual(result.facts.ticket.tags, ['a', 'auto-escalated']);
  });
});

describe('runCascadeStep', () => {
  const rule = whenTagAdded('x', 'r', [{ type: 'add_tags', tags: ['y'] }]);
  const ruleSet = { mode: 'all_matches' as const, rules: [rule] };

  it('collects fired rule ids into the cascade state', () => {
    const step = runCascadeStep({ ruleSet, facts: tagAddedBy('x'), cascade: startCascade(), depth: 0 });
    assert.deepEqual(step.cascade, { firedRuleIds: ['r'] });
    const again = runCascadeStep({ ruleSet, facts: tagAddedBy('x'), cascade: step.cascade, depth: 1 });
    assert.deepEqual(
      again.run?.runs.map((run) => run.skipReason),
      ['fired_earlier_in_cascade'],
    );
  });

  it('runs nothing past the depth bound', () => {
    const step = runCascadeStep({
      ruleSet,
      facts: tagAddedBy('x'),
      cascade: startCascade(),
      depth: maxCascadeDepth + 1,
    });
    assert.deepEqual(step, { run: null, cascade: startCascade(), halted: true });
  });

  it('skips a change the rule itself caused, even in a new cascade', () => {
    const facts = tagAddedBy('x', { type: 'rule', ruleId: 'r', userId: null, role: null });
    const step = runCascadeStep({ ruleSet, facts, cascade: startCascade(), depth: 0 });
    assert.deepEqual(
      step.run?.runs.map((run) => run.skipReason),
      ['own_change'],
    );
  });
});

describe('diffTicketFacts', () => {
  it('writes changes as ticket.updated events do', () => {
    const before = makeFacts().ticket;
    const after = {
      ...before,
      priority: 'urgent' as const,
      tags: ['vip', 'billing'],
      customFields: { ...before.customFields, plan: 'free' },
    };
    assert.deepEqual(diffTicketFacts(before, after), {
      priority: { from: 'high', to: 'urgent' },
      customFields: { from: before.customFields, to: after.customFields },
    });
  });
});
