/** The shape a condition's `value` must have, by field type and operator. */
import { z } from 'zod';
import { idSchema } from '../schemas/common.ts';
import type { RuleFieldSpec } from './field-registry.ts';
import { comparisonOperators, type RuleOperator } from './operators.ts';
import { checkRuleRegex } from './regex-safety.ts';

const maxListItems = 100;
const maxHours = 87_600; // ten years

const textItem = z.string().trim().min(1).max(1000);
const setItem = z.string().trim().min(1).max(253).toLowerCase();
const scalarItem = z.union([z.string().max(2000), z.number().finite(), z.boolean()]);

export const wordsValueSchema = z.strictObject({
  words: z.array(z.string().trim().min(1).max(200)).min(1).max(maxListItems),
  match: z.enum(['any', 'all', 'none']).default('any'),
});

const regexValueSchema = z.string().superRefine((pattern, context) => {
  const problem = checkRuleRegex(pattern);
  if (problem) context.addIssue({ code: 'custom', message: problem });
});

function itemSchema(spec: RuleFieldSpec, operator: RuleOperator): z.ZodType {
  switch (spec.type) {
    case 'text':
      return textItem;
    case 'enum':
      return z.enum(spec.values as [string, ...string[]]);
    case 'id':
      return idSchema;
    case 'number':
      return z.number().finite();
    case 'duration':
      return z.number().min(0).max(maxHours);
    case 'boolean':
      return z.boolean();
    case 'date':
      return z.iso.date();
    case 'text_set':
      return setItem;
    case 'scalar':
      if ((comparisonOperators as readonly string[]).includes(operator)) return z.number().finite();
      return ['is', 'is_not', 'in', 'not_in'].includes(operator) ? scalarItem : textItem;
  }
}

/** The schema of `value` for this field and operator, or null when the operator takes no value. */
export function valueSchemaFor(spec: RuleFieldSpec, operator: RuleOperator): z.ZodType | null {
  switch (operator) {
    case 'present':
    case 'blank':
    case 'changed':
      return null;
    case 'matches_words':
      return wordsValueSchema;
    case 'matches_regex':
      return regexValueSchema;
    case 'in':
    case 'not_in':
    case 'contains_any':
    case 'contains_all':
    case 'contains_none':
      return z.array(itemSchema(spec, operator)).min(1).max(maxListItems);
    default:
      return itemSchema(spec, operator);
  }
}
