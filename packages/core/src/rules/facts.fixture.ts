/** Shared test data: a fixed `now`, stable ids, a facts builder and a rule builder that must validate. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CustomFieldDefinition } from '../tickets/custom-fields.ts';
import { evaluateRule } from './evaluate-rule.ts';
import type { RuleFacts } from './rule-facts.ts';
import type { StoredRule } from './rule-schema.ts';
import { validateRule } from './validate-rule.ts';

export const nowMs = Date.UTC(2026, 2, 10, 12, 0, 0);
const hourMs = 3_600_000;

export const ids = {
  ticket: '00000000-0000-4000-8000-000000000001',
  requester: '00000000-0000-4000-8000-000000000002',
  organization: '00000000-0000-4000-8000-000000000003',
  agent: '00000000-0000-4000-8000-000000000004',
  otherAgent: '00000000-0000-4000-8000-000000000005',
  team: '00000000-0000-4000-8000-000000000006',
  otherTeam: '00000000-0000-4000-8000-000000000007',
  policy: '00000000-0000-4000-8000-000000000008',
  webhook: '00000000-0000-4000-8000-000000000009',
  canned: '00000000-0000-4000-8000-00000000000a',
} as const;

function definition(
  key: string,
  type: CustomFieldDefinition['type'],
  options: string[] = [],
): CustomFieldDefinition {
  return {
    key,
    label: key,
    type,
    options: options.map((value) => ({ value, label: value })),
    required: false,
    description: null,
  };
}

export const customFields: CustomFieldDefinition[] = [
  definition('order_number', 'text'),
  definition('amount', 'number'),
  definition('plan', 'dropdown', ['free', 'pro', 'enterprise']),
  definition('due', 'date'),
  definition('gift', 'checkbox'),
];

type FactsOverrides = {
  [K in keyof RuleFacts]?: RuleFacts[K] extends object | null
    ? Partial<NonNullable<RuleFacts[K]>> | null
    : RuleFacts[K];
};

/** A ticket created 30 hours ago, updated 2 hours ago, with a customer message; sections merge shallowly. */
export function makeFacts(overrides: FactsOverrides = {}): RuleFacts {
  const base: RuleFacts = {
    nowMs,
    workspaceLocale: 'en',
    ticket: {
      id: ids.ticket,
      number: 1042,
      subject: 'Refund request for order #42',
      status: 'open',
      priority: 'high',
      type: null,
      channel: 'email',
      language: null,
      tags: ['billing', 'vip'],
      customFields: { order_number: 'A-42', amount: 120, plan: 'pro', due: '2026-03-31', gift: false },
      requesterId: ids.requester,
      organizationId: ids.organization,
      assigneeId: ids.agent,
      teamId: null,
      parentId: null,
      createdAtMs: nowMs - 30 * hourMs,
      updatedAtMs: nowMs - 2 * hourMs,
      statusChangedAtMs: nowMs - 5 * hourMs,
      lastCustomerMessageAtMs: nowMs - 2 * hourMs,
      lastAgentMessageAtMs: null,
    },
    event: { type: 'message.added', changes: {}, slaTarget: null },
    message: {
      visibility: 'public',
      authorType: 'contact',
      channel: 'email',
      text: 'Hello, I want a refund. 환불 요청합니다.',
      language: 'en',
      hasAttachments: false,
      autoSubmitted: false,
    },
    performer: { type: 'contact', userId: null, role: null, ruleId: null },
    requester: {
      id: ids.requester,
      name: 'Ada Lovelace',
      email: 'ada@example.com',
      language: 'en',
      isVip: true,
      timeZone: 'Asia/Seoul',
      attributes: { plan: 'Enterprise', seats: 50 },
    },
    organization: { id: ids.organization, name: 'Analytical Engines', domains: [], attributes: {} },
    assignee: { id: ids.agent, name: 'Grace Hopper' },
    businessHours: { isWithin: true, hoursSince: { created: 10 } },
  };
  const merged: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(overrides)) {
    const current = merged[key];
    const isSection =
      typeof value === 'object' &&
      value !== null &&
      !Array.isArray(value) &&
      typeof current === 'object' &&
      current !== null;
    merged[key] = isSection ? { ...current, ...value } : value;
  }
  return merged as RuleFacts;
}

let nextId = 1;

/** Validates `input` (which must pass) and gives it an id. */
export function storedRule(input: Record<string, unknown>, id = `rule-${nextId++}`): StoredRule {
  const result = validateRule({ name: id, ...input }, { customFields });
  if (!result.ok) assert.fail(`rule ${id} is invalid: ${JSON.stringify(result.errors)}`);
  return { ...result.rule, id };
}

type OperatorCase = {
  field: string;
  operator: string;
  value?: unknown;
  expected: boolean;
  facts?: RuleFacts;
  note?: string;
};

/**
 * One test per row: the leaf must pass validateRule (so each table also proves the registry
 * allows the combination), then evaluate to `expected` against the row's facts.
 */
export function describeOperatorCases(title: string, cases: Record<string, OperatorCase[]>): void {
  describe(title, () => {
    for (const [type, rows] of Object.entries(cases)) {
      describe(type, () => {
        for (const row of rows) {
          const value = JSON.stringify(row.value ?? null);
          it(`${row.field} ${row.operator} ${value}${row.note ? ` (${row.note})` : ''} → ${row.expected}`, () => {
            const leaf = {
              field: row.field,
              operator: row.operator,
              ...(row.value === undefined ? {} : { value: row.value }),
            };
            const rule = storedRule({
              kind: 'update',
              conditions: { all: [leaf] },
              actions: [{ type: 'mark_spam' }],
            });
            assert.equal(evaluateRule(rule, row.facts ?? makeFacts()).matched, row.expected);
          });
        }
      });
    }
  });
}
