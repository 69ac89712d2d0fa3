import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { AgentCandidate, AssignmentOptions } from './agent-candidate.ts';
import { roundRobin } from './round-robin.ts';
import { agent } from './test-agents.ts';

const abc = [agent('c'), agent('a'), agent('b')];

// biome-ignore format: one case per line reads as a table
const cases: [string, AgentCandidate[], string | null, AssignmentOptions, string | null, string | null][] = [
  ['no cursor: the first id', abc, null, {}, 'a', 'a'],
  ['continues after the cursor', abc, 'a', {}, 'b', 'b'],
  ['wraps around after the last id', abc, 'c', {}, 'a', 'a'],
  ['the cursor agent was removed: the next id after it', [agent('a'), agent('c')], 'b', {}, 'c', 'c'],
  ['the last agent was removed: wraps', [agent('a'), agent('b')], 'c', {}, 'a', 'a'],
  ['skips offline, away and full agents', [agent('a', { status: 'offline' }), agent('b', { status: 'away' }), agent('c', { openTickets: 10 }), agent('d')], null, {}, 'd', 'd'],
  ['includes away agents when asked', [agent('a', { status: 'offline' }), agent('b', { status: 'away' }), agent('c')], null, { includeAway: true }, 'b', 'b'],
  ['only the requested team', [agent('a'), agent('b', { teamIds: ['vip'] }), agent('c', { teamIds: ['vip', 'support'] })], 'b', { teamId: 'vip' }, 'c', 'c'],
  ['nobody eligible: no pick, cursor kept', [agent('a', { status: 'offline' })], 'a', {}, null, 'a'],
  ['no candidates at all', [], null, {}, null, null],
  ['ids compare by code unit, not locale', [agent('b'), agent('B'), agent('a')], 'B', {}, 'a', 'a'],
];

describe('roundRobin', () => {
  for (const [name, candidates, cursor, options, agentId, nextCursor] of cases) {
    it(name, () => {
      assert.deepEqual(roundRobin(candidates, cursor, options), { agentId, nextCursor });
    });
  }

  it('is fair over repeated calls, also when an agent leaves mid-rotation', () => {
    let cursor: string | null = null;
    const picks: (string | null)[] = [];
    for (let turn = 0; turn < 8; turn++) {
      const candidates = turn < 4 ? abc : [agent('a'), agent('c')];
      const pick = roundRobin(candidates, cursor);
      picks.push(pick.agentId);
      cursor = pick.nextCursor;
    }
    assert.deepEqual(picks, ['a', 'b', 'c', 'a', 'c', 'a', 'c', 'a']);
  });

  it('does not reorder the caller’s array', () => {
    const candidates = Object.freeze([...abc]);
    roundRobin(candidates, null);
    assert.deepEqual(
      candidates.map((c) => c.id),
      ['c', 'a', 'b'],
    );
  });
});
