/**
 * Pure evaluation rate of the engine: 100 realistic update rules (the mix a support team
 * builds: routing by words and channel, VIP and SLA escalation, tag hygiene, custom
 * fields, regexes on subjects) run in all-matches mode over varied facts. Reports condition
 * checks per second, where a check is one leaf actually evaluated (short-circuited leaves
 * are not counted), plus rule evaluations per second.
 * Run: `node packages/core/src/rules/rules.bench.ts`, or call benchmarkRules() from bench/.
 */
import { compileRule, evaluateRule } from './evaluate-rule.ts';
import type { RuleFacts } from './rule-facts.ts';
import type { StoredRule } from './rule-schema.ts';
import { compileRuleSet, runRuleSet } from './run-rule-set.ts';
import { validateRule } from './validate-rule.ts';

const hourMs = 3_600_000;
const nowMs = Date.UTC(2026, 2, 10, 12);
const team = '00000000-0000-4000-8000-000000000006';
const words = [
  ['refund', '환불'],
  ['outage', 'down', '접속 불가'],
  ['invoice', '청구서'],
  ['password', 'log in'],
  ['cancel', '해지'],
];
const customFields = [
  {
    key: 'plan',
    label: 'Plan',
    type: 'dropdown' as const,
    options: ['free', 'pro', 'enterprise'].map((value) => ({ value, label: value })),
    required: false,
    description: null,
  },
  {
    key: 'amount',
    label: 'Amount',
    type: 'number' as const,
    options: [],
    required: false,
    description: null,
  },
];

function ruleInput(index: number): Record<string, unknown> {
  const leaf = (field: string, operator: string, value?: unknown) => ({
    field,
    operator,
    ...(value === undefined ? {} : { value }),
  });
  const topic = words[index % words.length]!;
  const shapes = [
    {
      all: [
        leaf('message.authorType', 'is', 'contact'),
        leaf('message.text', 'matches_words', { words: topic }),
        leaf('ticket.teamId', 'blank'),
      ],
    },
    {
      all: [
        leaf('requester.isVip', 'is', true),
        {
          any: [leaf('ticket.priority', 'less_than', 'high'), leaf('ticket.tags', 'contains_none', ['vip'])],
        },
      ],
    },
    {
      any: [
        leaf('ticket.status', 'changed_to', 'solved'),
        {
          all: [
            leaf('ticket.tags', 'contains', `topic-${index}`),
            leaf('ticket.channel', 'in', ['email', 'web']),
          ],
        },
      ],
    },
    {
      all: [
        leaf('ticket.customFields.plan', 'is', 'enterprise'),
        leaf('ticket.customFields.amount', 'greater_than', 100 + index),
        leaf('ticket.status', 'is_not', 'closed'),
      ],
    },
    {
      all: [
        leaf('ticket.subject', 'matches_regex', String.raw`order\s*#?\d{3,}`),
        leaf('performer.type', 'is', 'contact'),
        leaf('ticket.hoursSinceCreated', 'less_than', 24),
      ],
    },
  ];
  return {
    name: `rule ${index}`,
    kind: 'update',
    conditions: shapes[index % shapes.length],
    actions: [
      { type: 'add_tags', tags: [`r${index}`] },
      ...(index % 3 === 0 ? [{ type: 'set_team', teamId: team }] : []),
    ],
  };
}

function factsSample(index: number): RuleFacts {
  const topic = words[index % words.length]!;
  return {
    nowMs,
    workspaceLocale: 'en',
    ticket: {
      id: '00000000-0000-4000-8000-000000000001',
      number: 1000 + index,
      subject: index % 2 ? `Order #${1000 + index} not delivered` : 'Question about my plan',
      status: index % 4 ? 'open' : 'new',
      priority: (['low', 'normal', 'high', 'urgent'] as const)[index % 4]!,
      type: null,
      channel: index % 3 ? 'email' : 'chat',
      language: index % 2 ? 'en' : 'ko',
      tags: index % 2 ? ['billing'] : ['vip', `topic-${index}`],
      customFields: { plan: index % 3 ? 'pro' : 'enterprise', amount: index * 7 },
      requesterId: '00000000-0000-4000-8000-000000000002',
      organizationId: null,
      assigneeId: null,
      teamId: index % 5 ? null : team,
      parentId: null,
      createdAtMs: nowMs - (index % 48) * hourMs,
      updatedAtMs: nowMs - hourMs,
      statusChangedAtMs: nowMs - hourMs,
      lastCustomerMessageAtMs: nowMs - hourMs,
      lastAgentMessageAtMs: null,
    },
    event: {
      type: 'message.added',
      changes: index % 7 ? {} : { status: { from: 'open', to: 'solved' } },
      slaTarget: null,
    },
    message: {
      visibility: 'public',
      authorType: 'contact',
      channel: 'email',
      language: 'en',
      hasAttachments: false,
      autoSubmitted: false,
      text: `Hello team,\nI have a problem: ${topic.join(' and ')} since yesterday. Order #${1000 + index}. ${'Some more context. '.repeat(20)}`,
    },
    performer: { type: 'contact', userId: null, role: null, ruleId: null },
    requester: {
      id: '00000000-0000-4000-8000-000000000002',
      name: 'Ada',
      email: 'ada@example.com',
      language: 'en',
      isVip: index % 2 === 0,
      timeZone: null,
      attributes: {},
    },
    organization: null,
    assignee: null,
    businessHours: { isWithin: true, hoursSince: {} },
  };
}

export function benchmarkRules(options: { ruleCount?: number; durationMs?: number } = {}) {
  const ruleCount = options.ruleCount ?? 100;
  const rules: StoredRule[] = Array.from({ length: ruleCount }, (_, index) => {
    const result = validateRule(ruleInput(index), { customFields });
    if (!result.ok) throw new Error(`bench rule ${index} is invalid: ${JSON.stringify(result.errors)}`);
    return { ...result.rule, id: `r${index}` };
  });
  const samples = Array.from({ length: 64 }, (_, index) => factsSample(index));
  // Leaves evaluated per pass over the samples, counted exactly with tracing.
  const compiled = rules.map(compileRule);
  let checksPerPass = 0;
  for (const facts of samples)
    for (const rule of compiled) checksPerPass += evaluateRule(rule, facts, { trace: true }).trace!.length;

  const measure = (body: () => void) => {
    const started = performance.now();
    let passes = 0;
    while (performance.now() - started < (options.durationMs ?? 1000)) {
      body();
      passes += 1;
    }
    return { passes, seconds: (performance.now() - started) / 1000 };
  };
  const conditions = measure(() => {
    for (const facts of samples) for (const rule of compiled) rule.test(facts);
  });
  const ruleSet = compileRuleSet({ mode: 'all_matches', rules });
  const sets = measure(() => {
    for (const facts of samples) runRuleSet(ruleSet, facts);
  });
  return {
    rules: ruleCount,
    conditionChecksPerSecond: Math.round((conditions.passes * checksPerPass) / conditions.seconds),
    ruleEvaluationsPerSecond: Math.round(
      (conditions.passes * samples.length * ruleCount) / conditions.seconds,
    ),
    ruleSetRunsPerSecond: Math.round((sets.passes * samples.length) / sets.seconds),
  };
}

if (import.meta.main) {
  benchmarkRules({ durationMs: 200 });
  console.log(JSON.stringify(benchmarkRules(), null, 2));
}
