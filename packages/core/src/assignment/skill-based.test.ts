import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { AgentCandidate, AssignmentOptions } from './agent-candidate.ts';
import { type SkillNeed, type SkillPick, skillBased } from './skill-based.ts';
import { agent } from './test-agents.ts';

const minji = agent('minji', { languages: ['ko-KR', 'en'], topics: ['billing'], openTickets: 4 });
const jun = agent('jun', { languages: ['ko'], topics: ['billing', 'refunds'], openTickets: 6 });
const sara = agent('sara', { languages: ['en'], topics: ['billing', 'refunds'], openTickets: 1 });
const tom = agent('tom', { languages: ['en-GB'], topics: ['login'], openTickets: 0 });
const team = [minji, jun, sara, tom];

// biome-ignore format: one case per line reads as a table
const cases: [string, AgentCandidate[], SkillNeed, AssignmentOptions, SkillPick][] = [
  ['language only: the least loaded speaker (ko matches ko-KR)', team, { language: 'ko' }, {}, { agentId: 'minji', rule: 'skill_match' }],
  ['a regional tag matches the base language', team, { language: 'ko-KR' }, {}, { agentId: 'minji', rule: 'skill_match' }],
  ['language and topics: most shared topics beat load', team, { language: 'ko', topics: ['billing', 'refunds'] }, {}, { agentId: 'jun', rule: 'skill_match' }],
  ['topics only: most shared topics', team, { topics: ['refunds', 'billing'] }, {}, { agentId: 'sara', rule: 'skill_match' }],
  ['topics compare without case', team, { topics: ['LOGIN'] }, {}, { agentId: 'tom', rule: 'skill_match' }],
  ['language matches but no topic does: still a language match', team, { language: 'ko', topics: ['shipping'] }, {}, { agentId: 'minji', rule: 'skill_match' }],
  ['nobody speaks the language: least loaded of all', team, { language: 'ja' }, {}, { agentId: 'tom', rule: 'load_fallback' }],
  ['nobody knows the topic: least loaded of all', team, { topics: ['shipping'] }, {}, { agentId: 'tom', rule: 'load_fallback' }],
  ['nothing asked: least loaded of all', team, {}, {}, { agentId: 'tom', rule: 'load_fallback' }],
  ['the matching agent is offline: fallback', [agent('a', { languages: ['ko'], status: 'offline' }), agent('b')], { language: 'ko' }, {}, { agentId: 'b', rule: 'load_fallback' }],
  ['the matching agent is full: fallback', [agent('a', { languages: ['ko'], openTickets: 10 }), agent('b')], { language: 'ko' }, {}, { agentId: 'b', rule: 'load_fallback' }],
  ['team filter applies before matching', [agent('a', { languages: ['ko'] }), agent('b', { languages: ['ko'], openTickets: 3, teamIds: ['vip'] })], { language: 'ko' }, { teamId: 'vip' }, { agentId: 'b', rule: 'skill_match' }],
  ['away speakers count when asked', [agent('a', { languages: ['ko'], status: 'away' }), agent('b')], { language: 'ko' }, { includeAway: true }, { agentId: 'a', rule: 'skill_match' }],
  ['ties among matches go to the lowest id', [agent('b', { languages: ['ko'] }), agent('a', { languages: ['ko'] })], { language: 'ko' }, {}, { agentId: 'a', rule: 'skill_match' }],
  ['nobody eligible', [agent('a', { status: 'offline' })], { language: 'ko' }, {}, { agentId: null, rule: 'no_eligible_agent' }],
];

describe('skillBased', () => {
  for (const [name, candidates, need, options, expected] of cases) {
    it(name, () => {
      assert.deepEqual(skillBased(candidates, need, options), expected);
    });
  }
});
