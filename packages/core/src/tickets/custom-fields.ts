/**
 * Admin-defined ticket fields: the schema for defining one, and the checks a ticket's
 * values must pass. Definitions live in the database; this module only judges them.
 */
import { z } from 'zod';
import type { FieldError } from '../errors.ts';

export const customFieldTypes = ['text', 'number', 'dropdown', 'date', 'checkbox'] as const;

export type CustomFieldType = (typeof customFieldTypes)[number];

export type CustomFieldOption = { value: string; label: string };

export type CustomFieldDefinition = {
  key: string;
  label: string;
  type: CustomFieldType;
  options: CustomFieldOption[];
  required: boolean;
  description: string | null;
};

/** A stored value; null means the field is cleared. Dates are 'YYYY-MM-DD' strings. */
export type CustomFieldValue = string | number | boolean | null;

const maxTextLength = 10_000;
const maxListedOptions = 20;

const customFieldOptionSchema = z.strictObject({
  value: z.string().min(1).max(100),
  label: z.string().trim().min(1).max(200),
});

export const customFieldDefinitionInputSchema = z
  .strictObject({
    // Keys appear in rule conditions, API payloads and JSON pointers, so they stay plain identifiers.
    key: z
      .string()
      .regex(/^[a-z][a-z0-9_]{0,63}$/, 'Use a lowercase letter, then up to 63 of a-z, 0-9 or _.'),
    label: z.string().trim().min(1).max(200),
    type: z.enum(customFieldTypes),
    options: z.array(customFieldOptionSchema).default([]),
    required: z.boolean().default(false),
    description: z.string().max(1000).optional(),
  })
  .superRefine((input, context) => {
    if (input.type !== 'dropdown') {
      if (input.options.length > 0) {
        context.addIssue({
          code: 'custom',
          path: ['options'],
          message: 'Only dropdown fields have options.',
        });
      }
      return;
    }
    if (input.options.length === 0) {
      context.addIssue({
        code: 'custom',
        path: ['options'],
        message: 'A dropdown needs at least one option.',
      });
    }
    const seen = new Set<string>();
    input.options.forEach((option, index) => {
      if (seen.has(option.value)) {
        context.addIssue({
          code: 'custom',
          path: ['options', index, 'value'],
          message: `Option value '${option.value}' is used more than once.`,
        });
      }
      seen.add(option.value);
    });
  })
  .transform(
    (input): CustomFieldDefinition => ({
      key: input.key,
      label: input.label,
      type: input.type,
      options: input.options,
      required: input.required,
      description: input.description ?? null,
    }),
  );

export type CustomFieldDefinitionInput = z.input<typeof customFieldDefinitionInputSchema>;

/** Escapes one reference token per RFC 6901 section 3: '~' first, or '/' would turn into '~01'. */
function escapePointerToken(token: string): string {
  return token.replaceAll('~', '~0').replaceAll('/', '~1');
}

function pointerTo(prefix: string, key: string): string {
  return `${prefix}/${escapePointerToken(key)}`;
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** A real proleptic-Gregorian date; year 0000 is refused because PostgreSQL has no year zero. */
function isCalendarDate(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  return year >= 1 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

/** Length in code points, as PostgreSQL counts characters; code units never undercount it. */
function isWithinTextLimit(value: string): boolean {
  if (value.length <= maxTextLength) return true;
  let count = 0;
  for (const _ of value) {
    count += 1;
    if (count > maxTextLength) return false;
  }
  return true;
}

function dropdownMessage(options: readonly CustomFieldOption[]): string {
  if (options.length > maxListedOptions) return 'Must be one of the options defined for this field.';
  return `Must be one of: ${options.map((option) => `'${option.value}'`).join(', ')}.`;
}

/** The problem with a non-null value for this field, or null when it is acceptable. */
function describeInvalidValue(definition: CustomFieldDefinition, value: unknown): string | null {
  switch (definition.type) {
    case 'text':
      return typeof value === 'string' && isWithinTextLimit(value)
        ? null
        : 'Must be text of at most 10,000 characters.';
    case 'number':
      return typeof value === 'number' && Number.isFinite(value) ? null : 'Must be a finite number.';
    case 'dropdown':
      return typeof value === 'string' && definition.options.some((option) => option.value === value)
        ? null
        : dropdownMessage(definition.options);
    case 'date':
      return typeof value === 'string' && isCalendarDate(value)
        ? null
        : 'Must be a calendar date written YYYY-MM-DD.';
    case 'checkbox':
      return typeof value === 'boolean' ? null : 'Must be true or false.';
  }
}

/**
 * Checks submitted custom-field values against their definitions. Returns the valid entries
 * unchanged (text keeps its whitespace) plus one error per bad entry, pointed at
 * `${pointerPrefix}/${key}`. null clears a field; undefined entries are skipped, as JSON would drop them.
 */
export function validateCustomFieldValues(
  definitions: readonly CustomFieldDefinition[],
  values: Record<string, unknown>,
  pointerPrefix = '/customFields',
): { values: Record<string, CustomFieldValue>; errors: FieldError[] } {
  const byKey = new Map(definitions.map((definition) => [definition.key, definition]));
  const valid: Record<string, CustomFieldValue> = {};
  const errors: FieldError[] = [];
  for (const [key, value] of Object.entries(values)) {
    if (value === undefined) continue;
    const definition = byKey.get(key);
    if (!definition) {
      errors.push({ pointer: pointerTo(pointerPrefix, key), message: `Unknown custom field '${key}'.` });
      continue;
    }
    const problem = value === null ? null : describeInvalidValue(definition, value);
    if (problem) {
      errors.push({ pointer: pointerTo(pointerPrefix, key), message: problem });
      continue;
    }
    // Safe to narrow: describeInvalidValue accepted only strings, finite numbers and booleans.
    valid[key] = value as CustomFieldValue;
  }
  return { values: valid, errors };
}

/** Errors for required fields whose value is absent or null; checked when a ticket is solved. */
export function missingRequiredFields(
  definitions: readonly CustomFieldDefinition[],
  values: Record<string, unknown>,
  pointerPrefix = '/customFields',
): FieldError[] {
  return definitions
    .filter((definition) => definition.required)
    .filter((definition) => !Object.hasOwn(values, definition.key) || values[definition.key] == null)
    .map((definition) => ({
      pointer: pointerTo(pointerPrefix, definition.key),
      message: `'${definition.label}' is required.`,
    }));
}
