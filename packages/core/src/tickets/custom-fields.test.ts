import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  type CustomFieldDefinition,
  customFieldDefinitionInputSchema,
  missingRequiredFields,
  validateCustomFieldValues,
} from './custom-fields.ts';

function field(overrides: Partial<CustomFieldDefinition> & Pick<CustomFieldDefinition, 'key' | 'type'>) {
  return { label: overrides.key, options: [], required: false, description: null, ...overrides };
}

const definitions: CustomFieldDefinition[] = [
  field({ key: 'order_id', type: 'text' }),
  field({ key: 'amount', type: 'number' }),
  field({
    key: 'plan',
    type: 'dropdown',
    options: [
      { value: 'free', label: 'Free' },
      { value: 'pro', label: 'Pro' },
    ],
  }),
  field({ key: 'due', type: 'date' }),
  field({ key: 'vip', type: 'checkbox' }),
];

describe('validateCustomFieldValues: one value at a time', () => {
  const cases: { name: string; key: string; value: unknown; error?: string }[] = [
    { name: 'text', key: 'order_id', value: 'A-100' },
    { name: 'text keeps surrounding whitespace', key: 'order_id', value: '  A-100 ' },
    { name: 'empty text', key: 'order_id', value: '' },
    { name: 'text at the limit', key: 'order_id', value: 'x'.repeat(10_000) },
    { name: 'text counted by code points', key: 'order_id', value: '😀'.repeat(10_000) },
    {
      name: 'text over the limit',
      key: 'order_id',
      value: 'x'.repeat(10_001),
      error: 'Must be text of at most 10,000 characters.',
    },
    {
      name: 'number as text',
      key: 'order_id',
      value: 5,
      error: 'Must be text of at most 10,000 characters.',
    },
    { name: 'integer', key: 'amount', value: 42 },
    { name: 'negative fraction', key: 'amount', value: -0.5 },
    { name: 'numeric string', key: 'amount', value: '42', error: 'Must be a finite number.' },
    { name: 'NaN', key: 'amount', value: Number.NaN, error: 'Must be a finite number.' },
    { name: 'Infinity', key: 'amount', value: Number.POSITIVE_INFINITY, error: 'Must be a finite number.' },
    { name: 'dropdown option', key: 'plan', value: 'pro' },
    {
      name: 'dropdown label instead of value',
      key: 'plan',
      value: 'Pro',
      error: "Must be one of: 'free', 'pro'.",
    },
    { name: 'dropdown non-string', key: 'plan', value: 1, error: "Must be one of: 'free', 'pro'." },
    { name: 'date', key: 'due', value: '2026-03-31' },
    { name: 'leap day', key: 'due', value: '2024-02-29' },
    { name: 'leap day of a century leap year', key: 'due', value: '2000-02-29' },
    {
      name: 'leap day of a common year',
      key: 'due',
      value: '2026-02-29',
      error: 'Must be a calendar date written YYYY-MM-DD.',
    },
    {
      name: 'leap day of 1900',
      key: 'due',
      value: '1900-02-29',
      error: 'Must be a calendar date written YYYY-MM-DD.',
    },
    {
      name: 'February 30',
      key: 'due',
      value: '2026-02-30',
      error: 'Must be a calendar date written YYYY-MM-DD.',
    },
    {
      name: 'April 31',
      key: 'due',
      value: '2026-04-31',
      error: 'Must be a calendar date written YYYY-MM-DD.',
    },
    {
      name: 'month 13',
      key: 'due',
      value: '2026-13-01',
      error: 'Must be a calendar date written YYYY-MM-DD.',
    },
    { name: 'day 00', key: 'due', value: '2026-01-00', error: 'Must be a calendar date written YYYY-MM-DD.' },
    {
      name: 'year zero',
      key: 'due',
      value: '0000-01-01',
      error: 'Must be a calendar date written YYYY-MM-DD.',
    },
    {
      name: 'date with time',
      key: 'due',
      value: '2026-01-01T00:00:00Z',
      error: 'Must be a calendar date written YYYY-MM-DD.',
    },
    {
      name: 'unpadded date',
      key: 'due',
      value: '2026-1-1',
      error: 'Must be a calendar date written YYYY-MM-DD.',
    },
    {
      name: 'date as number',
      key: 'due',
      value: 20260101,
      error: 'Must be a calendar date written YYYY-MM-DD.',
    },
    { name: 'checkbox true', key: 'vip', value: true },
    { name: 'checkbox false', key: 'vip', value: false },
    { name: 'checkbox as string', key: 'vip', value: 'true', error: 'Must be true or false.' },
    { name: 'checkbox as number', key: 'vip', value: 1, error: 'Must be true or false.' },
    { name: 'null clears text', key: 'order_id', value: null },
    { name: 'null clears a dropdown', key: 'plan', value: null },
    { name: 'null clears a checkbox', key: 'vip', value: null },
  ];

  for (const { name, key, value, error } of cases) {
    it(`${name}: ${error ? 'rejected' : 'accepted'}`, () => {
      const result = validateCustomFieldValues(definitions, { [key]: value });
      if (error) {
        assert.deepEqual(result, {
          values: {},
          errors: [{ pointer: `/customFields/${key}`, message: error }],
        });
      } else {
        assert.deepEqual(result, { values: { [key]: value }, errors: [] });
      }
    });
  }
});

describe('validateCustomFieldValues: whole payloads', () => {
  it('keeps the valid entries and reports every bad one', () => {
    const result = validateCustomFieldValues(definitions, {
      order_id: 'A-1',
      amount: 'ten',
      nope: 1,
      vip: true,
      skipped: undefined,
    });
    assert.deepEqual(result, {
      values: { order_id: 'A-1', vip: true },
      errors: [
        { pointer: '/customFields/amount', message: 'Must be a finite number.' },
        { pointer: '/customFields/nope', message: "Unknown custom field 'nope'." },
      ],
    });
  });

  const pointerCases: [key: string, pointer: string][] = [
    ['a/b', '/customFields/a~1b'],
    ['a~b', '/customFields/a~0b'],
    ['~1', '/customFields/~01'],
    ['', '/customFields/'],
  ];
  for (const [key, pointer] of pointerCases) {
    it(`escapes unknown key ${JSON.stringify(key)} as ${pointer}`, () => {
      assert.deepEqual(validateCustomFieldValues(definitions, { [key]: 1 }).errors, [
        { pointer, message: `Unknown custom field '${key}'.` },
      ]);
    });
  }

  it('uses the given pointer prefix', () => {
    assert.deepEqual(validateCustomFieldValues(definitions, { vip: 'y' }, '/tickets/0/customFields').errors, [
      { pointer: '/tickets/0/customFields/vip', message: 'Must be true or false.' },
    ]);
  });

  it('treats __proto__ from parsed JSON as an unknown key', () => {
    const result = validateCustomFieldValues(definitions, JSON.parse('{"__proto__": {"x": 1}}'));
    assert.deepEqual(result.errors, [
      { pointer: '/customFields/__proto__', message: "Unknown custom field '__proto__'." },
    ]);
    assert.deepEqual(Object.keys(result.values), []);
  });

  it('stops listing dropdown values past twenty options', () => {
    const options = Array.from({ length: 21 }, (_, index) => ({ value: `v${index}`, label: `V${index}` }));
    const big = [field({ key: 'size', type: 'dropdown', options })];
    assert.deepEqual(validateCustomFieldValues(big, { size: 'nope' }).errors, [
      { pointer: '/customFields/size', message: 'Must be one of the options defined for this field.' },
    ]);
  });
});

describe('missingRequiredFields', () => {
  const required = [
    field({ key: 'order_id', type: 'text', label: 'Order ID', required: true }),
    field({ key: 'vip', type: 'checkbox', label: 'VIP', required: true }),
    field({ key: 'notes', type: 'text' }),
  ];
  const cases: { name: string; values: Record<string, unknown>; missing: string[] }[] = [
    { name: 'all present', values: { order_id: 'A', vip: false }, missing: [] },
    { name: 'absent', values: { vip: true }, missing: ['order_id'] },
    { name: 'null', values: { order_id: null, vip: true }, missing: ['order_id'] },
    { name: 'undefined', values: { order_id: 'A', vip: undefined }, missing: ['vip'] },
    { name: 'nothing given, optional ignored', values: {}, missing: ['order_id', 'vip'] },
  ];
  for (const { name, values, missing } of cases) {
    it(name, () => {
      const pointers = missingRequiredFields(required, values).map((error) => error.pointer);
      assert.deepEqual(
        pointers,
        missing.map((key) => `/customFields/${key}`),
      );
    });
  }

  it('names the field by label and honours the prefix', () => {
    assert.deepEqual(missingRequiredFields(required, { vip: true }, '/fields'), [
      { pointer: '/fields/order_id', message: "'Order ID' is required." },
    ]);
  });
});

describe('customFieldDefinitionInputSchema', () => {
  it('fills defaults and trims labels', () => {
    const parsed = customFieldDefinitionInputSchema.parse({
      key: 'order_id',
      label: '  Order ID ',
      type: 'text',
    });
    assert.deepEqual(parsed, {
      key: 'order_id',
      label: 'Order ID',
      type: 'text',
      options: [],
      required: false,
      description: null,
    });
  });

  it('accepts a full dropdown', () => {
    const input = {
      key: 'plan',
      label: 'Plan',
      type: 'dropdown',
      options: [
        { value: 'free', label: 'Free' },
        { value: 'pro', label: 'Pro' },
      ],
      required: true,
      description: 'Billing plan.',
    };
    assert.deepEqual(customFieldDefinitionInputSchema.parse(input), input);
  });

  const dropdown = (options: Record<string, string>[]) => ({
    key: 'plan',
    label: 'Plan',
    type: 'dropdown',
    options,
  });
  const rejections: { name: string; input: unknown; path: PropertyKey[] }[] = [
    { name: 'key with a capital', input: { key: 'Order', label: 'L', type: 'text' }, path: ['key'] },
    { name: 'key starting with a digit', input: { key: '1a', label: 'L', type: 'text' }, path: ['key'] },
    { name: 'key with a dash', input: { key: 'a-b', label: 'L', type: 'text' }, path: ['key'] },
    {
      name: 'key of 65 characters',
      input: { key: `a${'b'.repeat(64)}`, label: 'L', type: 'text' },
      path: ['key'],
    },
    { name: 'blank label', input: { key: 'a', label: '   ', type: 'text' }, path: ['label'] },
    { name: 'label over 200', input: { key: 'a', label: 'x'.repeat(201), type: 'text' }, path: ['label'] },
    { name: 'unknown type', input: { key: 'a', label: 'L', type: 'email' }, path: ['type'] },
    { name: 'unknown key', input: { key: 'a', label: 'L', type: 'text', colour: 'red' }, path: [] },
    {
      name: 'description over 1000',
      input: { key: 'a', label: 'L', type: 'text', description: 'x'.repeat(1001) },
      path: ['description'],
    },
    {
      name: 'required not boolean',
      input: { key: 'a', label: 'L', type: 'text', required: 'yes' },
      path: ['required'],
    },
    {
      name: 'dropdown without options',
      input: { key: 'plan', label: 'Plan', type: 'dropdown' },
      path: ['options'],
    },
    { name: 'dropdown with empty options', input: dropdown([]), path: ['options'] },
    {
      name: 'dropdown with a repeated value',
      input: dropdown([
        { value: 'a', label: 'A' },
        { value: 'b', label: 'B' },
        { value: 'a', label: 'A again' },
      ]),
      path: ['options', 2, 'value'],
    },
    {
      name: 'option with empty value',
      input: dropdown([{ value: '', label: 'A' }]),
      path: ['options', 0, 'value'],
    },
    {
      name: 'option value over 100',
      input: dropdown([{ value: 'x'.repeat(101), label: 'A' }]),
      path: ['options', 0, 'value'],
    },
    {
      name: 'option with unknown key',
      input: dropdown([{ value: 'a', label: 'A', colour: 'red' }]),
      path: ['options', 0],
    },
    {
      name: 'options on a text field',
      input: { key: 'a', label: 'L', type: 'text', options: [{ value: 'a', label: 'A' }] },
      path: ['options'],
    },
  ];
  for (const { name, input, path } of rejections) {
    it(`rejects ${name} at ${JSON.stringify(path)}`, () => {
      const result = customFieldDefinitionInputSchema.safeParse(input);
      assert.equal(result.success, false);
      assert.deepEqual(
        result.error?.issues.map((issue) => issue.path),
        [path],
      );
    });
  }

  it('allows an empty options list on a non-dropdown field', () => {
    const parsed = customFieldDefinitionInputSchema.parse({
      key: 'a',
      label: 'L',
      type: 'number',
      options: [],
    });
    assert.deepEqual(parsed.options, []);
  });
});
