import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { AgentCandidate, AssignmentOptions } from './agent-candidate.ts';
import { loadBalanced } from './load-balanced.ts';
import { agent } from './test-agents.ts';

// biome-ignore format: one case per line reads as a table
const cases: [string, AgentCandidate[], AssignmentOptions, string | null][] = [
  ['fewest open tickets', [agent('a', { openTickets: 3 }), agent('b', { openTickets: 1 }), agent('c', { openTickets: 2 })], {}, 'b'],
  ['a tie goes to the lower share of capacity', [agent('a', { openTickets: 2, capacity: 4 }), agent('b', { openTickets: 2, capacity: 10 })], {}, 'b'],
  ['a full tie goes to the lowest id', [agent('b', { openTickets: 2 }), agent('a', { openTickets: 2 })], {}, 'a'],
  ['fewest tickets beats a lower share', [agent('a', { openTickets: 3, capacity: 30 }), agent('b', { openTickets: 2, capacity: 4 })], {}, 'b'],
  ['agents at capacity are skipped', [agent('a', { openTickets: 5, capacity: 5 }), agent('b', { openTickets: 7 })], {}, 'b'],
  ['agents over capacity are skipped', [agent('a', { openTickets: 6, capacity: 5 }), agent('b', { openTickets: 7 })], {}, 'b'],
  ['capacity 0 takes nothing', [agent('a', { capacity: 0 })], {}, null],
  ['offline agents are skipped', [agent('a', { status: 'offline' }), agent('b', { openTickets: 4 })], {}, 'b'],
  ['away agents are skipped by default', [agent('a', { status: 'away' }), agent('b', { openTickets: 4 })], {}, 'b'],
  ['away agents count when asked', [agent('a', { status: 'away' }), agent('b', { openTickets: 4 })], { includeAway: true }, 'a'],
  ['only the requested team', [agent('a'), agent('b', { openTickets: 4, teamIds: ['vip'] })], { teamId: 'vip' }, 'b'],
  ['nobody eligible', [agent('a', { status: 'offline' })], {}, null],
];

describe('loadBalanced', () => {
  for (const [name, candidates, options, expected] of cases) {
    it(name, () => {
      assert.equal(loadBalanced(candidates, options), expected);
    });
  }
});
